package dev.caravan.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.MultipartField;
import com.openai.core.http.HttpResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListPage;
import com.openai.models.batches.BatchListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileDeleted;
import com.openai.models.files.FileListPage;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a user of the official OpenAI Java SDK may rely on from a Files and Batch API, written only against
 * {@link OpenAIClient}. Subclasses point the client at an implementation: the emulator directly, or the gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OpenAiFilesAndBatchesContract {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String MODEL = "gpt-4o-mini";

    protected abstract OpenAIClient client();

    protected Duration batchTimeout() {
        return Duration.ofSeconds(30);
    }

    // ---- files ------------------------------------------------------------------------------------------------

    @Test
    void uploadReturnsTheFileObject() {
        byte[] content = jsonl(chatLine("upload-1", "hello"));

        FileObject file = upload("upload.jsonl", content, FilePurpose.BATCH);

        assertTrue(file.id().startsWith("file-"), file.id());
        assertEquals(content.length, file.bytes());
        assertEquals("upload.jsonl", file.filename());
        assertEquals(FileObject.Purpose.BATCH, file.purpose());
        assertTrue(file.createdAt() > 1_600_000_000L, "created_at is unix seconds: " + file.createdAt());
    }

    @Test
    void listPagesThroughEveryFileNewestFirst() {
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploaded.add(upload("page-" + i + ".jsonl", jsonl(chatLine("page-" + i, "page " + i)), FilePurpose.BATCH)
                    .id());
        }

        List<FileObject> listed = new ArrayList<>();
        int pages = 0;
        FileListPage page = client().files().list(FileListParams.builder().limit(2).build());
        while (true) {
            pages++;
            assertTrue(page.data().size() <= 2, "a page holds at most `limit` files");
            listed.addAll(page.data());
            if (!page.hasNextPage()) {
                break;
            }
            page = page.nextPage();
        }

        assertTrue(pages >= 3, "5 files at 2 per page take at least 3 pages, got " + pages);
        List<String> ids = listed.stream().map(FileObject::id).toList();
        for (String id : uploaded) {
            assertEquals(1, ids.stream().filter(id::equals).count(), id + " listed exactly once");
        }
        for (int i = 1; i < listed.size(); i++) {
            assertTrue(listed.get(i - 1).createdAt() >= listed.get(i).createdAt(), "newest first");
        }
        List<String> mine = ids.stream().filter(uploaded::contains).toList();
        List<String> newestFirst = new ArrayList<>(uploaded);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, mine, "files uploaded later are listed earlier");
    }

    @Test
    void retrieveReturnsTheUploadedFile() {
        FileObject uploaded = upload("retrieve.jsonl", jsonl(chatLine("r", "retrieve me")), FilePurpose.BATCH);

        FileObject retrieved = client().files().retrieve(uploaded.id());

        assertEquals(uploaded.id(), retrieved.id());
        assertEquals(uploaded.bytes(), retrieved.bytes());
        assertEquals(uploaded.filename(), retrieved.filename());
        assertEquals(uploaded.purpose(), retrieved.purpose());
        assertEquals(uploaded.createdAt(), retrieved.createdAt());
    }

    @Test
    void contentIsByteIdentical() {
        // Multi-byte characters, CRLF and a missing final newline: nothing may be re-encoded or normalised.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            text.append(chatLine("content-" + i, "héllo wörld ✓ 日本語 " + i)).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        byte[] content = text.toString().strip().getBytes(StandardCharsets.UTF_8);
        FileObject file = upload("content.jsonl", content, FilePurpose.BATCH);

        assertArrayEquals(content, download(file.id()));
    }

    @Test
    void deletedFileIsGone() {
        FileObject file = upload("delete.jsonl", jsonl(chatLine("d", "delete me")), FilePurpose.BATCH);

        FileDeleted deleted = client().files().delete(file.id());

        assertEquals(file.id(), deleted.id());
        assertTrue(deleted.deleted());
        NotFoundException gone = assertThrows(NotFoundException.class, () -> client().files().retrieve(file.id()));
        assertEquals(404, gone.statusCode());
        assertThrows(NotFoundException.class, () -> client().files().delete(file.id()));
    }

    @Test
    void unknownIdsAreNotFound() {
        assertEquals(404, assertThrows(NotFoundException.class,
                () -> client().files().retrieve("file-doesnotexist0000000000")).statusCode());
        assertThrows(NotFoundException.class, () -> download("file-doesnotexist0000000000"));
        assertEquals(404, assertThrows(NotFoundException.class,
                () -> client().batches().retrieve("batch_doesnotexist000000000000000000")).statusCode());
        assertThrows(NotFoundException.class,
                () -> client().batches().cancel("batch_doesnotexist000000000000000000"));
    }

    // ---- batches ----------------------------------------------------------------------------------------------

    @Test
    void batchRunsToCompletion() throws IOException {
        List<String> customIds = List.of("ok-1", "ok-2", "ok-3");
        FileObject input = upload("complete.jsonl",
                jsonl(customIds.stream().map(id -> chatLine(id, "say " + id)).toArray(String[]::new)),
                FilePurpose.BATCH);

        Batch created = client().batches().create(BatchCreateParams.builder()
                .inputFileId(input.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .metadata(BatchCreateParams.Metadata.builder().putAdditionalProperty("suite", JsonValue.from("contract"))
                        .build())
                .build());

        assertTrue(created.id().startsWith("batch_"), created.id());
        assertEquals(Batch.Status.VALIDATING, created.status());
        assertEquals(input.id(), created.inputFileId());
        assertEquals("/v1/chat/completions", created.endpoint());
        assertEquals("24h", created.completionWindow());
        assertEquals(created.createdAt() + 24 * 3600, created.expiresAt().orElseThrow());
        assertEquals(JsonValue.from("contract"), created.metadata().orElseThrow()._additionalProperties().get("suite"));

        Batch done = awaitTerminal(created.id());

        assertEquals(Batch.Status.COMPLETED, done.status(), () -> "batch ended " + done);
        assertEquals(3, done.requestCounts().orElseThrow().total());
        assertEquals(3, done.requestCounts().orElseThrow().completed());
        assertEquals(0, done.requestCounts().orElseThrow().failed());
        assertTrue(done.completedAt().isPresent());
        assertTrue(done.errorFileId().isEmpty(), "no failed requests, no error file");
        List<JsonNode> lines = resultLines(done.outputFileId().orElseThrow());
        assertEquals(Set.copyOf(customIds), lines.stream().map(l -> l.get("custom_id").asText()).collect(
                Collectors.toSet()));
        assertEquals(3, lines.size());
        for (JsonNode line : lines) {
            assertTrue(line.get("id").asText().startsWith("batch_req_"), line.toString());
            assertEquals(200, line.at("/response/status_code").asInt(), line.toString());
            JsonNode body = line.at("/response/body");
            assertEquals("chat.completion", body.get("object").asText());
            assertEquals(MODEL, body.get("model").asText());
            assertEquals("assistant", body.at("/choices/0/message/role").asText());
            assertFalse(body.at("/choices/0/message/content").asText().isEmpty());
            assertTrue(line.get("error").isNull());
        }
        FileObject output = client().files().retrieve(done.outputFileId().orElseThrow());
        assertEquals(FileObject.Purpose.BATCH_OUTPUT, output.purpose());
    }

    @Test
    void invalidRequestLandsInTheErrorFile() throws IOException {
        String bad = chatLineWithMessages("bad-1", JSON.createArrayNode());
        FileObject input = upload("mixed.jsonl", jsonl(chatLine("good-1", "one"), bad, chatLine("good-2", "two")),
                FilePurpose.BATCH);

        Batch done = awaitTerminal(createBatch(input.id()).id());

        assertEquals(Batch.Status.COMPLETED, done.status(), () -> "batch ended " + done);
        assertEquals(3, done.requestCounts().orElseThrow().total());
        assertEquals(2, done.requestCounts().orElseThrow().completed());
        assertEquals(1, done.requestCounts().orElseThrow().failed());
        List<JsonNode> errors = resultLines(done.errorFileId().orElseThrow());
        assertEquals(1, errors.size());
        assertEquals("bad-1", errors.get(0).get("custom_id").asText());
        assertEquals(400, errors.get(0).at("/response/status_code").asInt());
        assertTrue(errors.get(0).at("/response/body/error/message").isTextual(), errors.get(0).toString());
        List<JsonNode> outputs = resultLines(done.outputFileId().orElseThrow());
        assertEquals(Set.of("good-1", "good-2"),
                outputs.stream().map(l -> l.get("custom_id").asText()).collect(Collectors.toSet()));
    }

    @Test
    void cancelStopsARunningBatch() throws IOException {
        int requests = 400;
        FileObject input = upload("cancel.jsonl", jsonl(IntStream.range(0, requests)
                .mapToObj(i -> chatLine("c-" + i, "request number " + i)).toArray(String[]::new)), FilePurpose.BATCH);
        Batch created = createBatch(input.id());

        Batch cancelling = client().batches().cancel(created.id());

        assertEquals(Batch.Status.CANCELLING, cancelling.status());
        assertTrue(cancelling.cancellingAt().isPresent());
        Batch done = awaitTerminal(created.id());
        assertEquals(Batch.Status.CANCELLED, done.status(), () -> "batch ended " + done);
        assertTrue(done.cancelledAt().isPresent());
        long total = done.requestCounts().orElseThrow().total();
        long completed = done.requestCounts().orElseThrow().completed();
        long failed = done.requestCounts().orElseThrow().failed();
        assertEquals(total, completed + failed, "every request is either completed or failed");
        assertTrue(failed > 0, "a batch cancelled this early has unfinished requests");

        Map<String, Integer> seen = new HashMap<>();
        List<JsonNode> lines = new ArrayList<>();
        done.outputFileId().ifPresent(id -> lines.addAll(resultLines(id)));
        done.errorFileId().ifPresent(id -> lines.addAll(resultLines(id)));
        lines.forEach(line -> seen.merge(line.get("custom_id").asText(), 1, Integer::sum));
        if (total > 0) {
            assertEquals(requests, seen.size(), "every request is reported");
            assertTrue(seen.values().stream().allMatch(n -> n == 1), "and only once");
            assertTrue(lines.stream().anyMatch(l -> "batch_cancelled".equals(l.at("/error/code").asText())),
                    "unfinished requests carry batch_cancelled");
        }
    }

    @Test
    void batchListContainsTheCreatedBatches() {
        FileObject input = upload("list.jsonl", jsonl(chatLine("l-1", "list")), FilePurpose.BATCH);
        String first = createBatch(input.id()).id();
        String second = createBatch(input.id()).id();

        List<Batch> listed = new ArrayList<>();
        BatchListPage page = client().batches().list(BatchListParams.builder().limit(1).build());
        for (int pages = 0; pages < 1_000; pages++) {
            listed.addAll(page.data());
            Set<String> ids = listed.stream().map(Batch::id).collect(Collectors.toSet());
            if (ids.contains(first) && ids.contains(second) || !page.hasNextPage()) {
                break;
            }
            page = page.nextPage();
        }

        List<String> ids = listed.stream().map(Batch::id).toList();
        assertTrue(ids.contains(first) && ids.contains(second), "both batches listed: " + ids);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no batch listed twice");
        assertTrue(ids.indexOf(second) < ids.indexOf(first), "newest first");
        for (int i = 1; i < listed.size(); i++) {
            assertTrue(listed.get(i - 1).createdAt() >= listed.get(i).createdAt(), "newest first");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    protected FileObject upload(String filename, byte[] content, FilePurpose purpose) {
        return client().files().create(uploadParams(filename, content, purpose).build());
    }

    /** The SDK sends no filename for bare bytes or streams; the API needs one (and ".jsonl" for batch input). */
    protected static FileCreateParams.Builder uploadParams(String filename, byte[] content, FilePurpose purpose) {
        return FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream(content))
                        .filename(filename)
                        .build())
                .purpose(purpose);
    }

    protected Batch createBatch(String inputFileId) {
        return client().batches().create(BatchCreateParams.builder()
                .inputFileId(inputFileId)
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .build());
    }

    protected Batch awaitTerminal(String batchId) {
        long deadline = System.nanoTime() + batchTimeout().toNanos();
        while (true) {
            Batch batch = client().batches().retrieve(batchId);
            Batch.Status status = batch.status();
            if (status.equals(Batch.Status.COMPLETED) || status.equals(Batch.Status.FAILED)
                    || status.equals(Batch.Status.EXPIRED) || status.equals(Batch.Status.CANCELLED)) {
                return batch;
            }
            if (System.nanoTime() > deadline) {
                fail("batch " + batchId + " still " + status + " after " + batchTimeout());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    protected byte[] download(String fileId) {
        try (HttpResponse response = client().files().content(fileId); InputStream body = response.body()) {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a batch output or error file, parsed. */
    protected List<JsonNode> resultLines(String fileId) {
        String text = new String(download(fileId), StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }
        return lines;
    }

    protected static byte[] jsonl(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    protected static String chatLine(String customId, String userText) {
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "user").put("content", userText);
        return chatLineWithMessages(customId, messages);
    }

    protected static String chatLineWithMessages(String customId, ArrayNode messages) {
        ObjectNode line = JSON.createObjectNode();
        line.put("custom_id", customId);
        line.put("method", "POST");
        line.put("url", "/v1/chat/completions");
        ObjectNode body = line.putObject("body");
        body.put("model", MODEL);
        body.set("messages", messages);
        return line.toString();
    }
}
