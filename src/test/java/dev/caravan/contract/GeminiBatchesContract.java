package dev.caravan.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.Client;
import com.google.genai.Pager;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.ClientException;
import com.google.genai.types.BatchJob;
import com.google.genai.types.BatchJobSource;
import com.google.genai.types.Content;
import com.google.genai.types.CreateBatchJobConfig;
import com.google.genai.types.File;
import com.google.genai.types.FileSource;
import com.google.genai.types.FileState;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.InlinedRequest;
import com.google.genai.types.InlinedResponse;
import com.google.genai.types.JobState;
import com.google.genai.types.ListBatchJobsConfig;
import com.google.genai.types.ListFilesConfig;
import com.google.genai.types.Part;
import com.google.genai.types.UploadFileConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of Google's official Gen AI Java SDK may rely on from the Gemini Files and Batch APIs
 * (provider-apis.md §4, §5), written only against {@link Client}. Subclasses point the client at an implementation:
 * the emulator directly, or the gateway in front of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GeminiBatchesContract {

    protected static final String MODEL = "gemini-2.5-flash";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<JobState.Known> ENDED = EnumSet.of(JobState.Known.JOB_STATE_SUCCEEDED,
            JobState.Known.JOB_STATE_FAILED, JobState.Known.JOB_STATE_CANCELLED, JobState.Known.JOB_STATE_EXPIRED);

    @TempDir
    Path tmp;

    protected abstract Client client();

    /** A client of the same implementation whose API key is wrong. */
    protected abstract Client clientWithWrongKey();

    /** How long a small batch may take to end. */
    protected Duration patience() {
        return Duration.ofSeconds(30);
    }

    /** The text a succeeded request answers {@code prompt} with, where the implementation is deterministic. */
    protected Optional<String> expectedReply(String prompt) {
        return Optional.of("Sandbox reply to: " + prompt);
    }

    // ---- files ------------------------------------------------------------------------------------------------

    @Test
    void anUploadedFileCanBeReadListedAndDeleted() throws IOException {
        byte[] bytes = jsonl(Map.of("only", "Hello there")).getBytes(StandardCharsets.UTF_8);
        Path path = Files.write(tmp.resolve("input.jsonl"), bytes);

        File uploaded = client().files.upload(path.toString(),
                UploadFileConfig.builder().mimeType("application/jsonl").displayName("contract input").build());

        String name = uploaded.name().orElseThrow();
        assertTrue(name.matches("files/[a-z0-9-]+"), name);
        assertEquals(Optional.of("contract input"), uploaded.displayName());
        assertEquals(Optional.of("application/jsonl"), uploaded.mimeType());
        assertEquals(Optional.of((long) bytes.length), uploaded.sizeBytes());
        assertEquals(FileState.Known.ACTIVE, uploaded.state().orElseThrow().knownEnum());
        assertEquals(FileSource.Known.UPLOADED, uploaded.source().orElseThrow().knownEnum());
        assertTrue(uploaded.sha256Hash().isPresent());
        assertTrue(uploaded.downloadUri().isEmpty(), "only generated files have a downloadUri");
        assertEquals(uploaded.createTime().orElseThrow().plus(Duration.ofHours(48)),
                uploaded.expirationTime().orElseThrow(), "files are kept for 48 h");

        File got = client().files.get(name, null);
        assertEquals(uploaded.name(), got.name());
        assertEquals(uploaded.sizeBytes(), got.sizeBytes());
        assertEquals(uploaded.sha256Hash(), got.sha256Hash());
        assertEquals(uploaded.createTime(), got.createTime());

        List<String> listed = new ArrayList<>();
        for (File file : client().files.list(ListFilesConfig.builder().pageSize(100).build())) {
            listed.add(file.name().orElseThrow());
        }
        assertTrue(listed.contains(name), listed::toString);

        client().files.delete(name, null);
        ClientException gone = assertThrows(ClientException.class, () -> client().files.get(name, null));
        assertEquals(404, gone.code());
    }

    @Test
    void fileListingPagesThroughEveryFile() {
        Set<String> uploaded = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            uploaded.add(client().files.upload(("{\"n\":" + i + "}\n").getBytes(StandardCharsets.UTF_8),
                    UploadFileConfig.builder().mimeType("application/jsonl").build()).name().orElseThrow());
        }

        Pager<File> pager = client().files.list(ListFilesConfig.builder().pageSize(2).build());

        assertEquals(2, pager.page().size(), "the first page holds pageSize files");
        Set<String> seen = new HashSet<>();
        for (File file : pager) {
            assertTrue(seen.add(file.name().orElseThrow()), "each file once: " + file.name());
        }
        assertTrue(seen.containsAll(uploaded), seen + " holds " + uploaded);
    }

    @Test
    void anUnknownFileIsNotFound() {
        ClientException missing = assertThrows(ClientException.class,
                () -> client().files.get("files/no-such-file-0000", null));
        assertEquals(404, missing.code());
        assertEquals("NOT_FOUND", missing.status());
    }

    @Test
    void aWrongKeyIsRefused() {
        ApiException refused = assertThrows(ApiException.class,
                () -> clientWithWrongKey().files.list(ListFilesConfig.builder().pageSize(1).build()));
        assertTrue(refused.code() == 400 || refused.code() == 401 || refused.code() == 403,
                "a client error for a bad key: " + refused.code());
        assertFalse(refused.message().isEmpty());
    }

    // ---- batches ----------------------------------------------------------------------------------------------

    @Test
    void aBatchFromAnUploadedFileAnswersEveryKeyInItsResultsFile() throws IOException {
        Map<String, String> prompts = new LinkedHashMap<>();
        prompts.put("request-1", "What is the capital of France?");
        prompts.put("request-2", "Name three primes.");
        prompts.put("request-3", "Say hello.");
        File input = client().files.upload(Files.writeString(tmp.resolve("batch.jsonl"), jsonl(prompts)).toString(),
                UploadFileConfig.builder().mimeType("application/jsonl").displayName("batch input").build());

        BatchJob created = client().batches.create(MODEL, BatchJobSource.builder().fileName(input.name().get())
                .build(), CreateBatchJobConfig.builder().displayName("contract-file-batch").build());

        String name = created.name().orElseThrow();
        assertTrue(name.matches("batches/[^/]+"), name);
        assertEquals(Optional.of("contract-file-batch"), created.displayName());
        assertTrue(created.model().orElseThrow().endsWith(MODEL), created.model().toString());
        assertTrue(created.createTime().isPresent());
        assertFalse(ENDED.contains(created.state().orElseThrow().knownEnum()), "a new batch has not ended");

        BatchJob ended = awaitEnded(name);

        assertEquals(JobState.Known.JOB_STATE_SUCCEEDED, ended.state().orElseThrow().knownEnum());
        assertFalse(ended.endTime().orElseThrow().isBefore(ended.createTime().orElseThrow()));
        String resultsFile = ended.dest().orElseThrow().fileName().orElseThrow();
        File results = client().files.get(resultsFile, null);
        assertEquals(FileSource.Known.GENERATED, results.source().orElseThrow().knownEnum());
        assertTrue(results.downloadUri().isPresent(), "a generated file has a downloadUri");

        Path downloaded = tmp.resolve("results.jsonl");
        client().files.download(resultsFile, downloaded.toString(), null);
        List<String> lines = Files.readAllLines(downloaded, StandardCharsets.UTF_8);
        assertEquals(prompts.size(), lines.size(), lines::toString);
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            byKey.put(node.path("key").asText(), node);
        }
        assertEquals(List.copyOf(prompts.keySet()), List.copyOf(byKey.keySet()), "one line per key, in order");
        prompts.forEach((key, prompt) -> {
            GenerateContentResponse response = GenerateContentResponse.fromJson(byKey.get(key).get("response")
                    .toString());
            String text = response.text();
            expectedReply(prompt).ifPresentOrElse(expected -> assertEquals(expected, text),
                    () -> assertFalse(text.isBlank()));
            assertEquals("STOP", response.finishReason().toString());
            assertTrue(response.usageMetadata().orElseThrow().promptTokenCount().orElseThrow() > 0);
            assertTrue(response.usageMetadata().orElseThrow().candidatesTokenCount().orElseThrow() > 0);
        });
    }

    @Test
    void anInlineBatchAnswersInline() {
        List<InlinedRequest> requests = List.of(
                inline("first", "Tell me a joke."),
                inline("second", "What is 2 + 2?"));

        BatchJob created = client().batches.create(MODEL, BatchJobSource.builder().inlinedRequests(requests).build(),
                CreateBatchJobConfig.builder().displayName("contract-inline-batch").build());
        BatchJob ended = awaitEnded(created.name().orElseThrow());

        assertEquals(JobState.Known.JOB_STATE_SUCCEEDED, ended.state().orElseThrow().knownEnum());
        List<InlinedResponse> responses = ended.dest().orElseThrow().inlinedResponses().orElseThrow();
        assertEquals(2, responses.size());
        assertEquals(Optional.of(Map.of("key", "first")), responses.get(0).metadata(), "the input order is kept");
        assertEquals(Optional.of(Map.of("key", "second")), responses.get(1).metadata());
        expectedReply("Tell me a joke.").ifPresent(expected ->
                assertEquals(expected, responses.get(0).response().orElseThrow().text()));
        expectedReply("What is 2 + 2?").ifPresent(expected ->
                assertEquals(expected, responses.get(1).response().orElseThrow().text()));
    }

    @Test
    void aCancelledBatchEndsCancelled() {
        BatchJob created = client().batches.create(MODEL, BatchJobSource.builder()
                .inlinedRequests(List.of(inline("c1", "This will be cancelled."))).build(),
                CreateBatchJobConfig.builder().displayName("contract-cancel").build());

        client().batches.cancel(created.name().orElseThrow(), null);

        BatchJob ended = awaitEnded(created.name().orElseThrow());
        assertEquals(JobState.Known.JOB_STATE_CANCELLED, ended.state().orElseThrow().knownEnum());
        assertTrue(ended.endTime().isPresent());
        assertTrue(ended.dest().isEmpty() || ended.dest().get().inlinedResponses().isEmpty(),
                "a cancelled batch has no output");
    }

    @Test
    void batchListingPagesThroughEveryBatch() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            created.add(client().batches.create(MODEL, BatchJobSource.builder()
                    .inlinedRequests(List.of(inline("k" + i, "Prompt " + i))).build(),
                    CreateBatchJobConfig.builder().displayName("contract-list-" + i).build()).name().orElseThrow());
        }

        Pager<BatchJob> pager = client().batches.list(ListBatchJobsConfig.builder().pageSize(2).build());

        assertEquals(2, pager.page().size());
        Set<String> seen = new HashSet<>();
        for (BatchJob job : pager) {
            assertTrue(seen.add(job.name().orElseThrow()), "each batch once: " + job.name());
        }
        assertTrue(seen.containsAll(created), seen + " holds " + created);
    }

    @Test
    void aBatchFromAnUnknownFileIsNotFound() {
        ClientException missing = assertThrows(ClientException.class, () -> client().batches.create(MODEL,
                BatchJobSource.builder().fileName("files/no-such-input-0000").build(),
                CreateBatchJobConfig.builder().displayName("contract-missing-input").build()));
        assertEquals(404, missing.code());
    }

    @Test
    void anUnknownBatchIsNotFound() {
        ClientException missing = assertThrows(ClientException.class,
                () -> client().batches.get("batches/nosuchbatch000000000", null));
        assertEquals(404, missing.code());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    protected BatchJob awaitEnded(String name) {
        long deadline = System.nanoTime() + patience().toNanos();
        while (true) {
            BatchJob job = client().batches.get(name, null);
            if (ENDED.contains(job.state().orElseThrow().knownEnum())) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " has not ended after " + patience() + ": " + job.state());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static InlinedRequest inline(String key, String prompt) {
        return InlinedRequest.builder()
                .contents(Content.builder().role("user").parts(Part.fromText(prompt)).build())
                .metadata(Map.of("key", key))
                .build();
    }

    /** The documented file form {@code {"key","request"}}, one line per prompt. */
    protected static String jsonl(Map<String, String> prompts) {
        StringBuilder lines = new StringBuilder();
        prompts.forEach((key, prompt) -> {
            var line = JSON.createObjectNode();
            line.put("key", key);
            var content = line.putObject("request").putArray("contents").addObject();
            content.put("role", "user");
            content.putArray("parts").addObject().put("text", prompt);
            try {
                lines.append(JSON.writeValueAsString(line)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return lines.toString();
    }
}
