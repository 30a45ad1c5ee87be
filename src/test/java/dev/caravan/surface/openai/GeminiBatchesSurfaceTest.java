package dev.caravan.surface.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.MultipartField;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCancelParams;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListPage;
import com.openai.models.batches.BatchListParams;
import com.openai.models.batches.BatchRetrieveParams;
import com.openai.models.files.FileContentParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileDeleteParams;
import com.openai.models.files.FileDeleted;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.files.FileRetrieveParams;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.Provider;
import dev.caravan.sandbox.Sandbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The documents' Gemini workflow and the rest of Gemini's Files and Batch APIs behind the OpenAI surface, with the
 * official OpenAI Java SDK against Caravan's production configuration on the sandbox (the Gemini emulator behind
 * it). Retries and the circuit breaker are tuned so the fault tests are quick and cannot open the breaker for the
 * tests after them.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.gemini.phase-duration=500ms",
                "caravan.gemini.retry.max-attempts=2", "caravan.gemini.retry.initial-delay=20",
                "caravan.gemini.retry.max-delay=50", "caravan.gemini.retry.retry-after-max=2000",
                "caravan.gemini.circuit-breaker.minimum-calls=1000"})
class GeminiBatchesSurfaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The documents' model: retired, so Gemini (and its emulator) fails each of its requests with a 404. */
    private static final String SEED_MODEL = "gemini-1.5-flash";
    private static final String MODEL = "gemini-2.5-flash";
    private static final String OPENAI_LINE = "{\"custom_id\": \"%s\", \"method\": \"POST\", \"url\": "
            + "\"/v1/chat/completions\", \"body\": {\"model\": \"%s\", \"messages\": [{\"role\": \"user\", "
            + "\"content\": \"%s\"}], \"max_tokens\": 100}}";

    @BeanInject
    CamelContext context;

    private OpenAIClient client;

    private OpenAIClient client() {
        if (client == null) {
            client = CaravanClients.openAi(context, "/openai");
        }
        return client;
    }

    private Sandbox sandbox() {
        return context.getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
    }

    @AfterEach
    void noFaultLeftOver() {
        sandbox().gemini().injectFaults(500, "unused", 0);
    }

    // ---- the documents' workflow --------------------------------------------------------------------------------

    /**
     * The OpenAI-SDK document's Gemini end-to-end example as written: {@code files.create(file=("batch_e2e.jsonl",
     * …), purpose="batch", extra_body={"provider": "gemini"})}, {@code batches.create(input_file_id=…,
     * endpoint="/v1/chat/completions", completion_window="24h", extra_body={"provider": "gemini", "model":
     * "gemini-1.5-flash"})}, then {@code batches.retrieve(batch.id, extra_query={"provider": "gemini"})} until final.
     */
    @Test
    void the_documents_gemini_workflow_runs_as_written() {
        String jsonl = OPENAI_LINE.formatted("req-1", SEED_MODEL, "What is 2+2?") + "\n"
                + OPENAI_LINE.formatted("req-2", SEED_MODEL, "What is the capital of France?");
        FileObject uploaded = upload("batch_e2e.jsonl", jsonl);
        assertTrue(uploaded.id().startsWith("file-gemini-"), uploaded.id());

        Batch batch = client().batches().create(BatchCreateParams.builder()
                .inputFileId(uploaded.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("gemini"))
                .putAdditionalBodyProperty("model", JsonValue.from(SEED_MODEL))
                .build());

        assertTrue(batch.id().startsWith("batch-gemini-"), batch.id());
        assertEquals(uploaded.id(), batch.inputFileId());
        assertEquals("/v1/chat/completions", batch.endpoint());
        Set<String> seen = new HashSet<>();
        seen.add(batch.status().asString());
        Batch done = pollAsTheDocumentsDo(batch.id(), seen);

        assertEquals(Batch.Status.COMPLETED, done.status(), () -> "statuses seen: " + seen);
        assertTrue(Set.of("validating", "in_progress", "completed").containsAll(seen), seen.toString());
        assertTrue(done.completedAt().isPresent());
        assertEquals(2, done.requestCounts().orElseThrow().total());
        long completed = done.requestCounts().orElseThrow().completed();
        long failed = done.requestCounts().orElseThrow().failed();
        assertEquals(2, completed + failed);
        // Every request is answered once, in the output file or the error file (the documents' gemini-1.5-flash is
        // retired, which Gemini answers per request with a 404)
        List<JsonNode> answers = new ArrayList<>();
        done.outputFileId().ifPresent(id -> answers.addAll(lines(id)));
        done.errorFileId().ifPresent(id -> answers.addAll(lines(id)));
        assertEquals(Set.of("req-1", "req-2"), answers.stream().map(l -> l.get("custom_id").asText())
                .collect(Collectors.toSet()));
        assertEquals(2, answers.size());
        assertEquals(failed, answers.stream().filter(l -> l.at("/response/status_code").asInt() >= 400).count());
    }

    @Test
    void a_completed_batch_serves_its_answers_as_openai_output_lines() {
        Map<String, String> questions = new LinkedHashMap<>();
        questions.put("req-1", "What is 2+2?");
        questions.put("req-2", "What is the capital of France?");
        FileObject input = upload("batch_e2e.jsonl", questions.entrySet().stream()
                .map(q -> OPENAI_LINE.formatted(q.getKey(), MODEL, q.getValue())).collect(Collectors.joining("\n")));

        Batch done = awaitFinal(create(input.id(), MODEL).id());

        assertEquals(Batch.Status.COMPLETED, done.status());
        assertEquals(2, done.requestCounts().orElseThrow().total());
        assertEquals(2, done.requestCounts().orElseThrow().completed());
        assertEquals(0, done.requestCounts().orElseThrow().failed());
        assertTrue(done.errorFileId().isEmpty(), "nothing failed, no error file");
        assertEquals(MODEL, done.model().orElseThrow());
        String outputId = done.outputFileId().orElseThrow();
        assertTrue(outputId.startsWith("file-gemini-"), outputId);
        List<JsonNode> lines = lines(outputId);
        assertEquals(2, lines.size(), "one line per request");
        assertEquals(questions.keySet(), lines.stream().map(l -> l.get("custom_id").asText())
                .collect(Collectors.toSet()));
        for (JsonNode line : lines) {
            assertTrue(line.get("error").isNull(), line.toString());
            assertEquals(200, line.at("/response/status_code").asInt());
            JsonNode body = line.at("/response/body");
            assertEquals("chat.completion", body.get("object").asText());
            assertEquals("assistant", body.at("/choices/0/message/role").asText());
            assertEquals("Sandbox reply to: " + questions.get(line.get("custom_id").asText()),
                    body.at("/choices/0/message/content").asText());
            assertTrue(body.at("/usage/completion_tokens").asInt() > 0, body.toString());
        }

        FileObject output = client().files().retrieve(outputId);
        assertEquals(FileObject.Purpose.BATCH_OUTPUT, output.purpose());
        assertEquals(download(outputId).length, output.bytes(), "bytes is what a download returns");
        List<FileObject> listed = new ArrayList<>();
        client().files().list(FileListParams.builder().putAdditionalQueryParam("provider", "gemini").build())
                .autoPager().forEach(listed::add);
        assertTrue(listed.stream().allMatch(f -> FileObject.Purpose.BATCH.equals(f.purpose())),
                "Gemini's own responses files are reached through their batch, not listed: " + listed);
    }

    @Test
    void the_documents_gemini_line_format_runs_on_the_batch_model_and_comes_back_as_uploaded() {
        // the boto3 document's create_gemini_jsonl: {request, metadata:{key}}, no model in the lines
        String jsonl = "{\"request\": {\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"What is 1 + 1? "
                + "Answer briefly.\"}]}], \"generationConfig\": {\"maxOutputTokens\": 100}}, \"metadata\": {\"key\": "
                + "\"request-1\"}}\n{\"request\": {\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"What is"
                + " 2 + 2? Answer briefly.\"}]}], \"generationConfig\": {\"maxOutputTokens\": 100}}, \"metadata\": "
                + "{\"key\": \"request-2\"}}";
        FileObject input = upload("batch_gemini.jsonl", jsonl);

        assertEquals(jsonLines(jsonl), jsonLines(new String(download(input.id()), StandardCharsets.UTF_8)),
                "files.content returns the file in the format it was uploaded in");
        BadRequestException noModel = assertThrows(BadRequestException.class, () -> create(input.id(), null));
        assertEquals("model", noModel.param().orElseThrow());

        Batch done = awaitFinal(create(input.id(), MODEL).id());
        assertEquals(Batch.Status.COMPLETED, done.status());
        assertEquals(List.of("request-1", "request-2"), lines(done.outputFileId().orElseThrow()).stream()
                .map(l -> l.get("custom_id").asText()).sorted().toList());
    }

    @Test
    void a_batch_without_a_model_runs_the_one_the_lines_name() {
        FileObject input = upload("named.jsonl", OPENAI_LINE.formatted("only", MODEL, "Hello?"));

        Batch batch = create(input.id(), null);

        assertEquals(MODEL, batch.model().orElseThrow());
        BadRequestException other = assertThrows(BadRequestException.class,
                () -> create(input.id(), "gemini-2.5-pro"));
        assertEquals("model", other.param().orElseThrow());
        assertTrue(other.getMessage().contains(MODEL), other.getMessage());
    }

    // ---- files ---------------------------------------------------------------------------------------------------

    @Test
    void files_list_retrieve_content_and_delete() {
        String jsonl = OPENAI_LINE.formatted("f-1", MODEL, "One?") + "\n" + OPENAI_LINE.formatted("f-2", MODEL,
                "Two?");
        FileObject uploaded = upload("files_e2e.jsonl", jsonl);
        assertEquals("files_e2e.jsonl", uploaded.filename());
        assertEquals(FileObject.Purpose.BATCH, uploaded.purpose());
        assertTrue(uploaded.bytes() > 0);

        List<FileObject> listed = new ArrayList<>();
        client().files().list(FileListParams.builder().putAdditionalQueryParam("provider", "gemini").build())
                .autoPager().forEach(listed::add);
        assertTrue(listed.stream().anyMatch(f -> f.id().equals(uploaded.id())
                && f.filename().equals("files_e2e.jsonl")), listed.toString());

        FileObject retrieved = client().files().retrieve(FileRetrieveParams.builder().fileId(uploaded.id())
                .putAdditionalQueryParam("provider", "gemini").build());
        assertEquals(uploaded.id(), retrieved.id());
        assertEquals("files_e2e.jsonl", retrieved.filename());
        assertEquals(uploaded.bytes(), retrieved.bytes());
        assertEquals(uploaded.createdAt(), retrieved.createdAt());

        byte[] content;
        try (HttpResponse response = client().files().content(FileContentParams.builder().fileId(uploaded.id())
                .putAdditionalQueryParam("provider", "gemini").build()); InputStream body = response.body()) {
            content = body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(jsonLines(jsonl), jsonLines(new String(content, StandardCharsets.UTF_8)),
                "the content is the file as uploaded, OpenAI lines");

        FileDeleted deleted = client().files().delete(FileDeleteParams.builder().fileId(uploaded.id())
                .putAdditionalQueryParam("provider", "gemini").build());
        assertTrue(deleted.deleted());
        assertEquals(uploaded.id(), deleted.id());
        assertThrows(NotFoundException.class, () -> client().files().retrieve(uploaded.id()));
        assertThrows(NotFoundException.class, () -> client().files().content(uploaded.id()));
    }

    @Test
    void a_file_of_many_lines_streams_up_converted_and_comes_back_as_uploaded() {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            jsonl.append(OPENAI_LINE.formatted("big-" + i, MODEL, "Question number " + i + " of many")).append('\n');
        }

        FileObject uploaded = upload("big.jsonl", jsonl.toString());

        FileObject retrieved = client().files().retrieve(uploaded.id());
        assertEquals(uploaded.bytes(), retrieved.bytes());
        assertTrue(retrieved.bytes() > 500_000, "the Gemini lines of 5,000 requests: " + retrieved.bytes());
        List<JsonNode> back = lines(uploaded.id());
        assertEquals(5000, back.size());
        assertEquals(jsonLines(jsonl.toString()), back, "the content is the file as uploaded");
    }

    @Test
    void files_list_pages_with_limit_and_after() {
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploaded.add(upload("page-" + i + ".jsonl", OPENAI_LINE.formatted("p", MODEL, "Page " + i)).id());
        }

        List<String> listed = new ArrayList<>();
        client().files().list(FileListParams.builder().limit(2).putAdditionalQueryParam("provider", "gemini")
                .build()).autoPager().forEach(f -> listed.add(f.id()));

        assertTrue(listed.containsAll(uploaded), listed.toString());
        assertEquals(listed.size(), new HashSet<>(listed).size(), "no file listed twice across pages");
        var second = client().files().list(FileListParams.builder().limit(2).after(listed.get(1))
                .putAdditionalQueryParam("provider", "gemini").build());
        assertEquals(listed.subList(2, 4), second.data().stream().map(FileObject::id).toList(),
                "after is exclusive and continues the order");
    }

    @Test
    void a_line_for_another_providers_model_is_refused_naming_the_line() {
        BadRequestException error = assertThrows(BadRequestException.class, () -> upload("mixed.jsonl",
                OPENAI_LINE.formatted("ok", MODEL, "a") + "\n" + OPENAI_LINE.formatted("gpt", "gpt-4o-mini", "b")));

        assertEquals(400, error.statusCode());
        assertTrue(error.getMessage().contains("line 2: model \"gpt-4o-mini\" is not a Gemini model"),
                error.getMessage());
    }

    // ---- batches list and cancel -----------------------------------------------------------------------------

    @Test
    void batches_list_pages_with_limit_and_after() {
        FileObject input = upload("list.jsonl", OPENAI_LINE.formatted("l", MODEL, "List"));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(create(input.id(), MODEL).id());
        }

        List<String> listed = new ArrayList<>();
        BatchListPage page = client().batches().list(BatchListParams.builder().limit(2)
                .putAdditionalQueryParam("provider", "gemini").build());
        page.autoPager().forEach(b -> listed.add(b.id()));

        assertTrue(listed.containsAll(created), listed + " should hold " + created);
        assertEquals(listed.size(), new HashSet<>(listed).size(), "no batch listed twice across pages");
        BatchListPage afterFirst = client().batches().list(BatchListParams.builder().limit(2).after(listed.get(0))
                .putAdditionalQueryParam("provider", "gemini").build());
        assertEquals(listed.subList(1, Math.min(3, listed.size())),
                afterFirst.data().stream().map(Batch::id).toList());
    }

    @Test
    void cancel_of_a_running_batch_is_cancelling_or_cancelled_then_cancelled() {
        FileObject input = upload("cancel.jsonl", OPENAI_LINE.formatted("c", MODEL, "Cancel me"));
        Batch batch = create(input.id(), MODEL);

        Batch cancelling = client().batches().cancel(BatchCancelParams.builder().batchId(batch.id())
                .putAdditionalBodyProperty("provider", JsonValue.from("gemini")).build());

        assertEquals(batch.id(), cancelling.id());
        assertTrue(Set.of(Batch.Status.CANCELLING, Batch.Status.CANCELLED).contains(cancelling.status()),
                cancelling.status().asString());
        Batch done = awaitFinal(batch.id());
        assertEquals(Batch.Status.CANCELLED, done.status());
        assertTrue(done.cancelledAt().isPresent());
    }

    // ---- errors --------------------------------------------------------------------------------------------------

    @Test
    void an_unknown_file_is_a_404_in_openais_envelope() {
        String unknown = CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, "files/no-such-file");

        NotFoundException error = assertThrows(NotFoundException.class, () -> client().files().retrieve(
                FileRetrieveParams.builder().fileId(unknown).putAdditionalQueryParam("provider", "gemini").build()));

        assertEquals(404, error.statusCode());
        assertEquals("NOT_FOUND", error.code().orElseThrow(), "Google's status name is kept as the code");
        assertEquals("invalid_request_error", error.type().orElseThrow());
        assertThrows(NotFoundException.class, () -> client().files().delete(unknown));
        assertThrows(NotFoundException.class, () -> client().files().content(unknown));
    }

    @Test
    void a_batch_on_a_deleted_file_is_a_404_naming_the_input_file() {
        FileObject input = upload("deleted.jsonl", OPENAI_LINE.formatted("d", MODEL, "Gone"));
        client().files().delete(input.id());

        NotFoundException error = assertThrows(NotFoundException.class, () -> create(input.id(), MODEL));

        assertEquals(404, error.statusCode());
        assertEquals("input_file_id", error.param().orElseThrow());
    }

    @Test
    void metadata_other_than_job_name_is_refused_by_name_and_job_name_is_the_display_name() {
        FileObject input = upload("meta.jsonl", OPENAI_LINE.formatted("m", MODEL, "Meta"));

        BadRequestException error = assertThrows(BadRequestException.class, () -> client().batches().create(
                BatchCreateParams.builder().inputFileId(input.id())
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .metadata(BatchCreateParams.Metadata.builder()
                                .putAdditionalProperty("description", JsonValue.from("nightly")).build())
                        .putAdditionalBodyProperty("provider", JsonValue.from("gemini"))
                        .putAdditionalBodyProperty("model", JsonValue.from(MODEL)).build()));
        assertEquals("metadata", error.param().orElseThrow());
        assertTrue(error.getMessage().contains("'description'"), error.getMessage());

        Batch named = client().batches().create(BatchCreateParams.builder().inputFileId(input.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .metadata(BatchCreateParams.Metadata.builder()
                        .putAdditionalProperty("job_name", JsonValue.from("nightly-eval")).build())
                .putAdditionalBodyProperty("provider", JsonValue.from("gemini"))
                .putAdditionalBodyProperty("model", JsonValue.from(MODEL)).build());
        assertEquals("nightly-eval", named.metadata().orElseThrow()._additionalProperties().get("job_name")
                .asString().orElseThrow());
    }

    @Test
    void gemini_429_is_passed_through_with_its_retry_after() {
        FileObject input = upload("limited.jsonl", OPENAI_LINE.formatted("r", MODEL, "Rate"));
        Batch batch = create(input.id(), MODEL);
        sandbox().gemini().injectFaults(429, "Resource has been exhausted (e.g. check quota).", 2);

        RateLimitException error = assertThrows(RateLimitException.class,
                () -> client().batches().retrieve(batch.id()));

        assertEquals(429, error.statusCode());
        assertEquals("RESOURCE_EXHAUSTED", error.code().orElseThrow());
        assertTrue(error.getMessage().contains("Resource has been exhausted"), error.getMessage());
        assertEquals(List.of("1"), error.headers().values("Retry-After"));
    }

    @Test
    void gemini_500_and_503_are_passed_through_with_their_status() {
        FileObject input = upload("faults.jsonl", OPENAI_LINE.formatted("f", MODEL, "Fault"));

        // two faults, as a create first reads its input file, a read Caravan tries twice here (that a create itself
        // is sent once whatever happens is GeminiUpstreamFaultsTest's)
        sandbox().gemini().injectFaults(500, "An internal error has occurred.", 2);
        InternalServerException internal = assertThrows(InternalServerException.class, () -> create(input.id(),
                MODEL));
        assertEquals(500, internal.statusCode());
        assertEquals("INTERNAL", internal.code().orElseThrow());

        sandbox().gemini().injectFaults(503, "The model is overloaded. Please try again later.", 2);
        InternalServerException unavailable = assertThrows(InternalServerException.class,
                () -> client().files().retrieve(input.id()));
        assertEquals(503, unavailable.statusCode());
        assertEquals("UNAVAILABLE", unavailable.code().orElseThrow());
        assertTrue(unavailable.getMessage().contains("overloaded"), unavailable.getMessage());
    }

    @Test
    void a_read_retries_past_one_unavailable_answer() {
        FileObject input = upload("retried.jsonl", OPENAI_LINE.formatted("t", MODEL, "Retry"));

        sandbox().gemini().injectFaults(503, "The model is overloaded.", 1);

        assertEquals(input.id(), client().files().retrieve(input.id()).id(), "the second attempt succeeds");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private FileObject upload(String filename, String jsonl) {
        return client().files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)))
                        .filename(filename).contentType("application/jsonl").build())
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from("gemini"))
                .build());
    }

    private Batch create(String inputFileId, String model) {
        BatchCreateParams.Builder params = BatchCreateParams.builder()
                .inputFileId(inputFileId)
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("gemini"));
        if (model != null) {
            params.putAdditionalBodyProperty("model", JsonValue.from(model));
        }
        return client().batches().create(params.build());
    }

    /** The documents' loop, {@code for i in range(10)} with a pause, as long as the sandbox may need. */
    private Batch pollAsTheDocumentsDo(String batchId, Set<String> seen) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Batch batch = client().batches().retrieve(BatchRetrieveParams.builder().batchId(batchId)
                    .putAdditionalQueryParam("provider", "gemini").build());
            String status = batch.status().asString();
            seen.add(status);
            if (List.of("completed", "failed", "expired", "cancelled").contains(status)) {
                return batch;
            }
            if (System.nanoTime() > deadline) {
                fail("batch " + batchId + " still " + status + " after " + PATIENCE);
            }
            pause();
        }
    }

    private Batch awaitFinal(String batchId) {
        return pollAsTheDocumentsDo(batchId, new HashSet<>());
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private byte[] download(String fileId) {
        try (HttpResponse response = client().files().content(fileId); InputStream body = response.body()) {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JsonNode> lines(String fileId) {
        return jsonLines(new String(download(fileId), StandardCharsets.UTF_8));
    }

    private static List<JsonNode> jsonLines(String text) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        return lines;
    }
}
