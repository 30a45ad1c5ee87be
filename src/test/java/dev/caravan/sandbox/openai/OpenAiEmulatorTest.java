package dev.caravan.sandbox.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchError;
import com.openai.models.batches.BatchListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.caravan.contract.OpenAiFilesAndBatchesContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract against the emulator directly, plus what only the emulator's own settings and hooks can show. */
class OpenAiEmulatorTest extends OpenAiFilesAndBatchesContract {

    private static final String KEY = "sk-emulator-test-0123456789abcdefXY";
    private static final Duration PHASE = Duration.ofMillis(300);

    @TempDir
    static Path dataDir;

    private OpenAiEmulator emulator;
    private OpenAIClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startEmulator() {
        emulator = new OpenAiEmulator(new OpenAiEmulatorSettings(dataDir, KEY, PHASE, Duration.ofHours(24)))
                .start("127.0.0.1", 0);
        client = clientFor(emulator, KEY);
    }

    @AfterAll
    void stopEmulator() {
        client.close();
        emulator.close();
    }

    @Override
    protected OpenAIClient client() {
        return client;
    }

    private static OpenAIClient clientFor(OpenAiEmulator target, String key) {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(target.baseUrl()).maxRetries(0).build();
    }

    // ---- auth, routing, envelope ------------------------------------------------------------------------------

    @Test
    void wrongKeyIsUnauthorizedAndNeverEchoed() {
        String wrong = "sk-wrong-key-that-must-not-leak-zz";
        OpenAIClient intruder = clientFor(emulator, wrong);
        try {
            UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> intruder.files().list());
            assertEquals(401, e.statusCode());
            assertEquals("invalid_api_key", e.code().orElseThrow());
            assertTrue(e.getMessage().contains("Incorrect API key provided: sk-wr***zz"), e.getMessage());
            assertFalse(e.body().toString().contains(wrong), "the key is masked");
        } finally {
            intruder.close();
        }
    }

    @Test
    void missingKeyIsUnauthorized() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/files")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        JsonNode error = envelope(response);
        assertTrue(error.get("message").asText().startsWith("You didn't provide an API key."));
    }

    @Test
    void unknownPathAndWrongMethodAnswerInTheEnvelope() throws Exception {
        HttpResponse<String> unknown = http.send(authorized("/nothing/here").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        envelope(unknown);

        HttpResponse<String> wrongMethod = http.send(authorized("/files").PUT(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrongMethod.statusCode());
        envelope(wrongMethod);
    }

    @Test
    void injectedFaultsReachTheSdk() {
        emulator.injectFaults(429, "Rate limit reached for requests", 1);
        RateLimitException limited = assertThrows(RateLimitException.class, () -> client.files().list());
        assertTrue(limited.getMessage().contains("Rate limit reached for requests"), limited.getMessage());
        assertEquals("rate_limit_exceeded", limited.code().orElseThrow());
        assertEquals("requests", limited.type().orElseThrow());

        emulator.injectFaults(503, "The engine is currently overloaded", 2);
        assertEquals(503, assertThrows(InternalServerException.class, () -> client.files().list()).statusCode());
        InternalServerException second = assertThrows(InternalServerException.class,
                () -> client.batches().list());
        assertTrue(second.getMessage().contains("The engine is currently overloaded"), second.getMessage());

        client.files().list(); // faults used up
    }

    // ---- uploads ------------------------------------------------------------------------------------------------

    @Test
    void multipartPartsMayComeInAnyOrder() throws Exception {
        byte[] content = jsonl(chatLine("order", "any order"));
        HttpResponse<String> fileFirst = postMultipart(List.of(
                Part.file("file", "first.jsonl", content), Part.field("purpose", "batch")));
        HttpResponse<String> fileLast = postMultipart(List.of(
                Part.field("purpose", "batch"), Part.file("file", "last.jsonl", content)));

        assertEquals(200, fileFirst.statusCode(), fileFirst.body());
        assertEquals(200, fileLast.statusCode(), fileLast.body());
        assertEquals(content.length, JSON.readTree(fileLast.body()).get("bytes").asLong());
    }

    @Test
    void malformedUploadsAreRejectedNamingTheParameter() throws Exception {
        byte[] content = jsonl(chatLine("x", "x"));

        HttpResponse<String> noPurpose = postMultipart(List.of(Part.file("file", "a.jsonl", content)));
        assertEquals(400, noPurpose.statusCode());
        assertEquals("purpose", envelope(noPurpose).get("param").asText());

        HttpResponse<String> noFile = postMultipart(List.of(Part.field("purpose", "batch")));
        assertEquals(400, noFile.statusCode());
        assertEquals("file", envelope(noFile).get("param").asText());

        HttpResponse<String> badPurpose = postMultipart(List.of(Part.field("purpose", "nonsense"),
                Part.file("file", "a.jsonl", content)));
        assertEquals(400, badPurpose.statusCode());
        assertEquals("purpose", envelope(badPurpose).get("param").asText());

        HttpResponse<String> extra = postMultipart(List.of(Part.field("purpose", "batch"),
                Part.field("storage_config[s3][bucket]", "b"), Part.file("file", "a.jsonl", content)));
        assertEquals(400, extra.statusCode());
        assertEquals("Unrecognized request argument supplied: storage_config[s3][bucket]",
                envelope(extra).get("message").asText());

        BadRequestException notJsonl = assertThrows(BadRequestException.class,
                () -> upload("input.csv", content, FilePurpose.BATCH));
        assertEquals("file", notJsonl.param().orElseThrow());
    }

    @Test
    void multipartBodyWithoutClosingBoundaryIsRejectedNotHung() throws Exception {
        String boundary = "cut";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jsonl\"\r\n\r\n"
                + chatLine("cut", "cut")).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(authorized("/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        envelope(response);
    }

    @Test
    void uploadsOverTheSizeLimitAreRefusedBeforeTheBodyIsRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: " + (600L << 20) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", head);
        }
    }

    @Test
    void expiresAfterSetsTheExpiryAndOtherPurposesKeepFiles() {
        FileObject expiring = client.files().create(uploadParams("e.jsonl", jsonl(chatLine("e", "e")), FilePurpose.BATCH)
                .expiresAfter(FileCreateParams.ExpiresAfter.builder().seconds(3600).build())
                .build());
        assertEquals(expiring.createdAt() + 3600, expiring.expiresAt().orElseThrow());

        FileObject batchInput = upload("default.jsonl", jsonl(chatLine("d", "d")), FilePurpose.BATCH);
        assertEquals(batchInput.createdAt() + 30L * 24 * 3600, batchInput.expiresAt().orElseThrow());

        FileObject userData = upload("notes.txt", "plain text".getBytes(StandardCharsets.UTF_8),
                FilePurpose.USER_DATA);
        assertTrue(userData.expiresAt().isEmpty());
    }

    // ---- lists --------------------------------------------------------------------------------------------------

    @Test
    void listLimitsAreEnforced() {
        assertEquals("limit", assertThrows(BadRequestException.class,
                () -> client.files().list(FileListParams.builder().limit(0).build())).param().orElseThrow());
        assertThrows(BadRequestException.class,
                () -> client.files().list(FileListParams.builder().limit(10_001).build()));
        assertThrows(BadRequestException.class,
                () -> client.batches().list(BatchListParams.builder().limit(101).build()));
    }

    @Test
    void cursorsAreExclusiveAndUnknownCursorsEndTheList() throws Exception {
        String id = upload("cursor.jsonl", jsonl(chatLine("c", "c")), FilePurpose.BATCH).id();
        List<FileObject> ascending = client.files().list(FileListParams.builder()
                .order(FileListParams.Order.ASC).limit(10_000).build()).data();
        String last = ascending.get(ascending.size() - 1).id();
        assertEquals(id, last, "the newest file is last in ascending order");

        JsonNode afterLast = JSON.readTree(http.send(authorized("/files?order=asc&after=" + last).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(0, afterLast.get("data").size());
        assertTrue(afterLast.get("first_id").isNull());
        assertTrue(afterLast.get("last_id").isNull());
        assertFalse(afterLast.get("has_more").asBoolean());

        assertTrue(client.files().list(FileListParams.builder().after("file-neverissued0000000000").build())
                .data().isEmpty());
    }

    // ---- batch validation ---------------------------------------------------------------------------------------

    @Test
    void malformedLineFailsTheBatchNamingTheLine() {
        byte[] content = (chatLine("a", "one") + "\n{\"custom_id\": \"b\", not json\n" + chatLine("c", "three") + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Batch done = awaitTerminal(createBatch(upload("malformed.jsonl", content, FilePurpose.BATCH).id()).id());

        assertEquals(Batch.Status.FAILED, done.status());
        assertTrue(done.failedAt().isPresent());
        List<BatchError> errors = done.errors().orElseThrow().data().orElseThrow();
        assertEquals(1, errors.size());
        assertEquals(2L, errors.get(0).line().orElseThrow());
        assertEquals("invalid_json_line", errors.get(0).code().orElseThrow());
        assertEquals(0, done.requestCounts().orElseThrow().total());
        assertTrue(done.outputFileId().isEmpty() && done.errorFileId().isEmpty());
    }

    @Test
    void duplicateCustomIdFailsTheBatch() {
        byte[] content = jsonl(chatLine("same", "one"), chatLine("other", "two"), "", chatLine("same", "three"));
        Batch done = awaitTerminal(createBatch(upload("dup.jsonl", content, FilePurpose.BATCH).id()).id());

        assertEquals(Batch.Status.FAILED, done.status());
        BatchError error = done.errors().orElseThrow().data().orElseThrow().get(0);
        assertEquals("duplicate_custom_id", error.code().orElseThrow());
        assertEquals(4L, error.line().orElseThrow(), "blank lines count in line numbers");
    }

    @Test
    void wrongUrlAndEmptyFileFailTheBatch() {
        String wrongUrl = chatLine("u", "u").replace("/v1/chat/completions", "/v1/embeddings");
        Batch mismatched = awaitTerminal(createBatch(upload("url.jsonl", jsonl(wrongUrl), FilePurpose.BATCH).id())
                .id());
        assertEquals(Batch.Status.FAILED, mismatched.status());
        assertEquals("url", mismatched.errors().orElseThrow().data().orElseThrow().get(0).param().orElseThrow());

        Batch empty = awaitTerminal(createBatch(upload("empty.jsonl", new byte[0], FilePurpose.BATCH).id()).id());
        assertEquals(Batch.Status.FAILED, empty.status());
    }

    @Test
    void moreThanFiftyThousandRequestsFailTheBatch() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i <= 50_000; i++) {
            lines.append("{\"custom_id\":\"r").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                    + "\"body\":{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}\n");
        }
        FileObject input = upload("big.jsonl", lines.toString().getBytes(StandardCharsets.UTF_8), FilePurpose.BATCH);
        Batch done = awaitTerminal(createBatch(input.id()).id());

        assertEquals(Batch.Status.FAILED, done.status());
        BatchError error = done.errors().orElseThrow().data().orElseThrow().get(0);
        assertEquals("too_many_requests", error.code().orElseThrow());
        assertEquals(50_001L, error.line().orElseThrow());
    }

    @Test
    void batchCreateIsStrict() {
        String input = upload("strict.jsonl", jsonl(chatLine("s", "s")), FilePurpose.BATCH).id();

        BadRequestException extra = assertThrows(BadRequestException.class, () -> client.batches().create(
                BatchCreateParams.builder().inputFileId(input)
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .putAdditionalBodyProperty("provider", JsonValue.from("openai"))
                        .build()));
        assertTrue(extra.getMessage().contains("Unrecognized request argument supplied: provider"),
                extra.getMessage());

        BadRequestException endpoint = assertThrows(BadRequestException.class, () -> client.batches().create(
                BatchCreateParams.builder().inputFileId(input).endpoint(BatchCreateParams.Endpoint.V1_RESPONSES)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H).build()));
        assertEquals("endpoint", endpoint.param().orElseThrow());

        BadRequestException window = assertThrows(BadRequestException.class, () -> client.batches().create(
                BatchCreateParams.builder().inputFileId(input)
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow.of("48h")).build()));
        assertEquals("completion_window", window.param().orElseThrow());

        BatchCreateParams.Metadata.Builder tooMuch = BatchCreateParams.Metadata.builder();
        IntStream.range(0, 17).forEach(i -> tooMuch.putAdditionalProperty("k" + i, JsonValue.from("v")));
        BadRequestException metadata = assertThrows(BadRequestException.class, () -> client.batches().create(
                BatchCreateParams.builder().inputFileId(input)
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H).metadata(tooMuch.build()).build()));
        assertEquals("metadata", metadata.param().orElseThrow());

        String notBatch = upload("notes.jsonl", jsonl(chatLine("n", "n")), FilePurpose.USER_DATA).id();
        assertThrows(BadRequestException.class, () -> createBatch(notBatch));
        assertThrows(NotFoundException.class, () -> createBatch("file-neverissued0000000000"));
    }

    // ---- batch execution ----------------------------------------------------------------------------------------

    @Test
    void maxTokensTruncatesTheReply() {
        String line = "{\"custom_id\":\"t\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\""
                + MODEL + "\",\"max_tokens\":2,\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"one two three\"}]}]}}";
        Batch done = awaitTerminal(createBatch(upload("trunc.jsonl", jsonl(line), FilePurpose.BATCH).id()).id());

        JsonNode body = resultLines(done.outputFileId().orElseThrow()).get(0).at("/response/body");
        assertEquals("Sandbox reply", body.at("/choices/0/message/content").asText());
        assertEquals("length", body.at("/choices/0/finish_reason").asText());
        assertEquals(5, body.at("/usage/prompt_tokens").asInt());
        assertEquals(2, body.at("/usage/completion_tokens").asInt());
        assertEquals(5, done.usage().orElseThrow().inputTokens());
        assertEquals(2, done.usage().orElseThrow().outputTokens());
        assertEquals(MODEL, done.model().orElseThrow());
    }

    @Test
    void embeddingsBatchesReturnDeterministicVectors() {
        String line1 = "{\"custom_id\":\"e1\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":"
                + "{\"model\":\"text-embedding-3-small\",\"input\":\"same text\",\"dimensions\":8}}";
        String line2 = line1.replace("e1", "e2");
        FileObject input = upload("embed.jsonl", jsonl(line1, line2), FilePurpose.BATCH);
        Batch done = awaitTerminal(client.batches().create(BatchCreateParams.builder().inputFileId(input.id())
                .endpoint(BatchCreateParams.Endpoint.V1_EMBEDDINGS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build()).id());

        assertEquals(Batch.Status.COMPLETED, done.status());
        List<JsonNode> lines = resultLines(done.outputFileId().orElseThrow());
        JsonNode first = lines.get(0).at("/response/body/data/0/embedding");
        assertEquals(8, first.size());
        assertEquals(first, lines.get(1).at("/response/body/data/0/embedding"), "same input, same vector");
    }

    @Test
    void deletingTheInputDoesNotDisturbARunningBatch() {
        FileObject input = upload("deleted-input.jsonl", jsonl(chatLine("k1", "keep"), chatLine("k2", "going")),
                FilePurpose.BATCH);
        Batch created = createBatch(input.id());
        client.files().delete(input.id());

        Batch done = awaitTerminal(created.id());
        assertEquals(Batch.Status.COMPLETED, done.status());
        assertEquals(2, resultLines(done.outputFileId().orElseThrow()).size());
    }

    @Test
    void aBatchNobodyPollsStillWritesItsResultsOnSchedule() throws Exception {
        // the emulator's own clock moves a batch on: its output file appears though the batch is never retrieved
        Batch created = createBatch(upload("unpolled.jsonl", jsonl(chatLine("u1", "unpolled")), FilePurpose.BATCH)
                .id());
        String outputName = created.id() + "_output.jsonl";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        boolean written = false;
        while (!written && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            written = client.files().list(FileListParams.builder().purpose("batch_output").limit(100).build())
                    .data().stream().anyMatch(file -> file.filename().equals(outputName));
        }
        assertTrue(written, "no " + outputName + " after 10 s");
        assertEquals(Batch.Status.COMPLETED, awaitTerminal(created.id()).status());
    }

    @Test
    void cancellingAFinishedBatchConflicts() {
        Batch done = awaitTerminal(createBatch(upload("fin.jsonl", jsonl(chatLine("f", "f")), FilePurpose.BATCH)
                .id()).id());
        OpenAIServiceException conflict = assertThrows(OpenAIServiceException.class,
                () -> client.batches().cancel(done.id()));
        assertEquals(409, conflict.statusCode());
    }

    @Test
    void requestCountsGrowWhileInProgress() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("slow"));
        try (SideEmulator slow = new SideEmulator(new OpenAiEmulatorSettings(dir, KEY, Duration.ofMillis(1000),
                Duration.ofHours(24)))) {
            OpenAIClient slowClient = slow.client;
            byte[] content = jsonl(IntStream.range(0, 20).mapToObj(i -> chatLine("p" + i, "word " + i))
                    .toArray(String[]::new));
            FileObject input = slowClient.files().create(uploadParams("slow.jsonl", content, FilePurpose.BATCH).build());
            Batch created = slowClient.batches().create(BatchCreateParams.builder().inputFileId(input.id())
                    .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                    .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
            assertTrue(created.model().isEmpty(), "model is known only once validated");

            List<Long> progress = new ArrayList<>();
            List<Batch.Status> statuses = new ArrayList<>();
            Batch batch = created;
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!batch.status().equals(Batch.Status.COMPLETED) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                batch = slowClient.batches().retrieve(created.id());
                statuses.add(batch.status());
                if (batch.status().equals(Batch.Status.IN_PROGRESS)) {
                    progress.add(batch.requestCounts().orElseThrow().completed());
                    assertEquals(20, batch.requestCounts().orElseThrow().total());
                    assertEquals(MODEL, batch.model().orElseThrow());
                }
            }

            assertEquals(Batch.Status.COMPLETED, batch.status());
            assertTrue(statuses.contains(Batch.Status.FINALIZING), "passes through finalizing: " + statuses);
            assertTrue(progress.stream().anyMatch(done -> done > 0 && done < 20), "partial progress: " + progress);
            for (int i = 1; i < progress.size(); i++) {
                assertTrue(progress.get(i - 1) <= progress.get(i), "counts never go down: " + progress);
            }
            Batch finished = batch;
            assertTrue(finished.inProgressAt().orElseThrow() <= finished.finalizingAt().orElseThrow());
            assertTrue(finished.finalizingAt().orElseThrow() <= finished.completedAt().orElseThrow());
        }
    }

    @Test
    void cancelMidRunKeepsTheResultsAlreadyProduced() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("cancel-mid-run"));
        try (SideEmulator slow = new SideEmulator(new OpenAiEmulatorSettings(dir, KEY, Duration.ofMillis(1000),
                Duration.ofHours(24)))) {
            byte[] content = jsonl(IntStream.range(0, 20).mapToObj(i -> chatLine("m" + i, "word " + i))
                    .toArray(String[]::new));
            String input = slow.client.files().create(uploadParams("mid.jsonl", content, FilePurpose.BATCH).build())
                    .id();
            String id = slow.client.batches().create(BatchCreateParams.builder().inputFileId(input)
                    .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                    .completionWindow(BatchCreateParams.CompletionWindow._24H).build()).id();
            Batch running = slow.client.batches().retrieve(id);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (running.requestCounts().orElseThrow().completed() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                running = slow.client.batches().retrieve(id);
            }
            assertEquals(Batch.Status.IN_PROGRESS, running.status());

            Batch cancelling = slow.client.batches().cancel(id);
            long doneAtCancel = cancelling.requestCounts().orElseThrow().completed();
            assertTrue(doneAtCancel >= 5 && doneAtCancel < 20, "cancelled mid-run at " + doneAtCancel);
            Batch done = null;
            while (System.nanoTime() < deadline + Duration.ofSeconds(5).toNanos()) {
                done = slow.client.batches().retrieve(id);
                if (done.status().equals(Batch.Status.CANCELLED)) {
                    break;
                }
                Thread.sleep(50);
            }

            assertEquals(Batch.Status.CANCELLED, done.status());
            assertEquals(doneAtCancel, done.requestCounts().orElseThrow().completed());
            assertEquals(20 - doneAtCancel, done.requestCounts().orElseThrow().failed());
            try (var output = slow.client.files().content(done.outputFileId().orElseThrow());
                    var errors = slow.client.files().content(done.errorFileId().orElseThrow())) {
                String[] outputLines = new String(output.body().readAllBytes(), StandardCharsets.UTF_8).split("\n");
                String[] errorLines = new String(errors.body().readAllBytes(), StandardCharsets.UTF_8).split("\n");
                assertEquals(doneAtCancel, outputLines.length);
                assertEquals(20 - doneAtCancel, errorLines.length);
                for (String line : errorLines) {
                    assertEquals("batch_cancelled", JSON.readTree(line).at("/error/code").asText());
                }
            }
        }
    }

    @Test
    void batchesPastTheirWindowExpire() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("expiring"));
        try (SideEmulator expiring = new SideEmulator(new OpenAiEmulatorSettings(dir, KEY,
                Duration.ofMillis(1000), Duration.ofMillis(1500)))) {
            OpenAIClient expiringClient = expiring.client;
            byte[] content = jsonl(IntStream.range(0, 4).mapToObj(i -> chatLine("x" + i, "expire " + i))
                    .toArray(String[]::new));
            FileObject input = expiringClient.files().create(uploadParams("exp.jsonl", content, FilePurpose.BATCH)
                    .build());
            String id = expiringClient.batches().create(BatchCreateParams.builder().inputFileId(input.id())
                    .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                    .completionWindow(BatchCreateParams.CompletionWindow._24H).build()).id();

            Batch done = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                done = expiringClient.batches().retrieve(id);
                if (done.status().equals(Batch.Status.EXPIRED) || done.status().equals(Batch.Status.COMPLETED)) {
                    break;
                }
                Thread.sleep(100);
            }

            assertEquals(Batch.Status.EXPIRED, done.status());
            assertTrue(done.expiredAt().isPresent());
            long total = done.requestCounts().orElseThrow().total();
            assertEquals(4, total);
            assertEquals(total, done.requestCounts().orElseThrow().completed()
                    + done.requestCounts().orElseThrow().failed());
            String errorFile = done.errorFileId().orElseThrow();
            byte[] errors;
            try (var response = expiringClient.files().content(errorFile)) {
                errors = response.body().readAllBytes();
            }
            List<JsonNode> lines = new ArrayList<>();
            for (String line : new String(errors, StandardCharsets.UTF_8).split("\n")) {
                lines.add(JSON.readTree(line));
            }
            assertFalse(lines.isEmpty());
            for (JsonNode line : lines) {
                assertEquals("batch_expired", line.at("/error/code").asText(), line.toString());
                assertTrue(line.get("response").isNull());
            }
            assertEquals(done.requestCounts().orElseThrow().failed(), lines.size());
        }
    }

    @Test
    void closeRemovesOnlyTheEmulatorsOwnData() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("owned"));
        Path callers = Files.writeString(dir.resolve("callers-file.txt"), "keep me");
        try (SideEmulator shortLived = new SideEmulator(OpenAiEmulatorSettings.defaults(dir, KEY))) {
            shortLived.client.files().create(uploadParams("b.bin", new byte[] {1, 2, 3}, FilePurpose.USER_DATA)
                    .build());
        }
        assertTrue(Files.exists(callers));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(callers), left.toList());
        }
    }

    /** A second emulator with its own settings, and a client for it. */
    private static final class SideEmulator implements AutoCloseable {

        final OpenAiEmulator emulator;
        final OpenAIClient client;

        SideEmulator(OpenAiEmulatorSettings settings) {
            emulator = new OpenAiEmulator(settings).start("127.0.0.1", 0);
            client = clientFor(emulator, KEY);
        }

        @Override
        public void close() {
            client.close();
            emulator.close();
        }
    }

    // ---- raw HTTP helpers ---------------------------------------------------------------------------------------

    private URI uri(String path) {
        return URI.create(emulator.baseUrl() + path);
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + KEY);
    }

    /** Asserts OpenAI's error envelope (JSON, all four keys) and returns its {@code error} object. */
    private static JsonNode envelope(HttpResponse<String> response) throws IOException {
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body()).get("error");
        for (String key : List.of("message", "type", "param", "code")) {
            assertTrue(error.has(key), "error has " + key + ": " + response.body());
        }
        return error;
    }

    private record Part(String name, String filename, byte[] content) {

        static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }

        static Part file(String name, String filename, byte[] content) {
            return new Part(name, filename, content);
        }
    }

    private HttpResponse<String> postMultipart(List<Part> parts) throws Exception {
        String boundary = "----emulator-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
            if (part.filename() != null) {
                head.append("; filename=\"").append(part.filename()).append("\"\r\n")
                        .append("Content-Type: application/octet-stream");
            }
            head.append("\r\n\r\n");
            body.write(head.toString().getBytes(StandardCharsets.UTF_8));
            body.write(part.content());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(authorized("/files")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
