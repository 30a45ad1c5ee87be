package dev.caravan.surface.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCancelParams;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListPage;
import com.openai.models.batches.BatchListParams;
import com.openai.models.batches.BatchRetrieveParams;
import com.openai.models.files.FileObject;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
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
 * The documents' Anthropic workflow and the rest of Anthropic Message Batches behind the OpenAI surface, with the
 * official OpenAI Java SDK against Caravan's production configuration on the sandbox (the Anthropic emulator behind
 * it). Retries and the circuit breaker are tuned so the fault tests are quick and cannot open the breaker for the
 * tests after them.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.anthropic.phase-duration=1s",
                "caravan.anthropic.retry.max-attempts=2", "caravan.anthropic.retry.initial-delay=20",
                "caravan.anthropic.retry.max-delay=50", "caravan.anthropic.retry.retry-after-max=2000",
                "caravan.anthropic.circuit-breaker.minimum-calls=1000"})
class AnthropicBatchesSurfaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String SEED_MODEL = "claude-3-sonnet-20240229";

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
        sandbox().anthropic().injectFaults(500, "unused", 0);
    }

    // ---- the documents' workflow --------------------------------------------------------------------------------

    /**
     * {@code client.batches.create(input_file_id="", endpoint="/v1/chat/completions", completion_window="24h",
     * extra_body={"provider": "anthropic", "requests": requests})}, then {@code client.batches.retrieve(batch.id,
     * extra_query={"provider": "anthropic"})} until the status is final, exactly as the documents write it.
     */
    @Test
    void the_documents_inline_workflow_runs_as_written() {
        List<Map<String, Object>> requests = List.of(
                request("math-question", SEED_MODEL, "What is 15 * 7?"),
                request("geography-question", SEED_MODEL, "What is the largest ocean?"));

        Batch batch = client().batches().create(BatchCreateParams.builder()
                .inputFileId("")
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("anthropic"))
                .putAdditionalBodyProperty("requests", JsonValue.from(requests))
                .build());

        assertTrue(batch.id().startsWith("batch-anthropic-"), batch.id());
        assertEquals(Batch.Status.IN_PROGRESS, batch.status());
        assertEquals("", batch.inputFileId());
        assertEquals("/v1/chat/completions", batch.endpoint());
        assertEquals(2, batch.requestCounts().orElseThrow().total());
        Set<String> seen = new HashSet<>();
        Batch done = pollAsTheDocumentsDo(batch.id(), seen);

        assertEquals(Batch.Status.COMPLETED, done.status(), () -> "statuses seen: " + seen);
        assertFalse(seen.contains("ended"), "Anthropic's 'ended' never reaches the wire: " + seen);
        assertTrue(Set.of("in_progress", "completed").containsAll(seen), seen.toString());
        assertTrue(done.completedAt().isPresent());
        long completed = done.requestCounts().orElseThrow().completed();
        long failed = done.requestCounts().orElseThrow().failed();
        assertEquals(2, done.requestCounts().orElseThrow().total());
        assertEquals(2, completed + failed);
        // Every request is answered once, in the output file (a chat completion) or the error file (Anthropic's
        // error: the documents' claude-3-sonnet-20240229 is a retired model, which Anthropic may refuse).
        List<JsonNode> answers = new ArrayList<>();
        done.outputFileId().ifPresent(id -> answers.addAll(lines(id)));
        done.errorFileId().ifPresent(id -> answers.addAll(lines(id)));
        assertEquals(Set.of("math-question", "geography-question"), answers.stream()
                .map(l -> l.get("custom_id").asText()).collect(Collectors.toSet()));
        assertEquals(2, answers.size());
        assertEquals(completed, answers.stream().filter(l -> l.at("/response/status_code").asInt() == 200
                && "chat.completion".equals(l.at("/response/body/object").asText())).count());
        assertEquals(failed, answers.stream().filter(l -> l.at("/response/status_code").asInt() >= 400
                && l.at("/response/body/error/type").isTextual()).count());
    }

    @Test
    void an_ended_batch_reports_counts_and_its_results_as_openai_output_lines() {
        Map<String, String> questions = new LinkedHashMap<>();
        questions.put("math-question", "What is 15 * 7?");
        questions.put("geography-question", "What is the largest ocean?");
        Batch batch = createInline(questions.entrySet().stream()
                .map(q -> request(q.getKey(), "claude-haiku-4-5", q.getValue())).toList());

        Batch done = awaitFinal(batch.id());

        assertEquals(Batch.Status.COMPLETED, done.status());
        assertEquals(2, done.requestCounts().orElseThrow().total());
        assertEquals(2, done.requestCounts().orElseThrow().completed());
        assertEquals(0, done.requestCounts().orElseThrow().failed());
        assertTrue(done.errorFileId().isEmpty(), "nothing failed, no error file");
        String outputId = done.outputFileId().orElseThrow();
        assertTrue(outputId.startsWith("file-anthropic-"), outputId);
        List<JsonNode> lines = lines(outputId);
        assertEquals(questions.keySet(), lines.stream().map(l -> l.get("custom_id").asText())
                .collect(Collectors.toSet()));
        assertEquals(2, lines.size(), "one line per request");
        for (JsonNode line : lines) {
            assertTrue(line.get("id").asText().startsWith("batch_req_"), line.toString());
            assertTrue(line.get("error").isNull(), line.toString());
            assertEquals(200, line.at("/response/status_code").asInt());
            JsonNode body = line.at("/response/body");
            assertEquals("chat.completion", body.get("object").asText());
            assertEquals("assistant", body.at("/choices/0/message/role").asText());
            assertEquals("Sandbox reply to: " + questions.get(line.get("custom_id").asText()),
                    body.at("/choices/0/message/content").asText());
            assertEquals("stop", body.at("/choices/0/finish_reason").asText());
            assertTrue(body.at("/usage/completion_tokens").asInt() > 0, body.toString());
        }

        FileObject output = client().files().retrieve(outputId);
        assertEquals(FileObject.Purpose.BATCH_OUTPUT, output.purpose());
        assertEquals(download(outputId).length, output.bytes(), "bytes is what a download returns");
    }

    @Test
    void requests_that_fail_upstream_land_in_the_error_file() {
        Batch batch = createInline(List.of(request("good", "claude-haiku-4-5", "Hello?"),
                request("unknown-model", "claude-no-such-model", "Hello?")));

        Batch done = awaitFinal(batch.id());

        assertEquals(Batch.Status.COMPLETED, done.status());
        assertEquals(1, done.requestCounts().orElseThrow().completed());
        assertEquals(1, done.requestCounts().orElseThrow().failed());
        List<JsonNode> errors = lines(done.errorFileId().orElseThrow());
        assertEquals(1, errors.size());
        assertEquals("unknown-model", errors.get(0).get("custom_id").asText());
        assertEquals(404, errors.get(0).at("/response/status_code").asInt());
        assertEquals("not_found_error", errors.get(0).at("/response/body/error/type").asText());
        assertEquals(List.of("good"), lines(done.outputFileId().orElseThrow()).stream()
                .map(l -> l.get("custom_id").asText()).toList());
    }

    // ---- cancel and list -----------------------------------------------------------------------------------------

    @Test
    void cancel_of_a_running_batch_is_cancelling_then_cancelled() {
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            requests.add(request("cancel-" + i, "claude-haiku-4-5", "Question " + i));
        }
        Batch batch = createInline(requests);

        Batch cancelling = client().batches().cancel(BatchCancelParams.builder().batchId(batch.id())
                .putAdditionalBodyProperty("provider", JsonValue.from("anthropic")).build());

        assertEquals(Batch.Status.CANCELLING, cancelling.status());
        assertTrue(cancelling.cancellingAt().isPresent());
        Batch done = awaitFinal(batch.id());
        assertEquals(Batch.Status.CANCELLED, done.status());
        assertTrue(done.cancelledAt().isPresent());
        long failed = done.requestCounts().orElseThrow().failed();
        assertEquals(50, done.requestCounts().orElseThrow().total());
        assertEquals(50, done.requestCounts().orElseThrow().completed() + failed);
        assertTrue(failed > 0, "requests that had not run are cancelled");
        List<JsonNode> cancelled = lines(done.errorFileId().orElseThrow());
        assertEquals(failed, cancelled.size());
        assertTrue(cancelled.stream().allMatch(l -> l.get("response").isNull()
                && "batch_cancelled".equals(l.at("/error/code").asText())), cancelled.toString());
    }

    @Test
    void list_pages_newest_first_with_limit_and_after() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createInline(List.of(request("list-" + i, "claude-haiku-4-5", "List " + i))).id());
        }

        List<String> listed = new ArrayList<>();
        BatchListPage page = client().batches().list(BatchListParams.builder().limit(2)
                .putAdditionalQueryParam("provider", "anthropic").build());
        int pages = 1;
        while (true) {
            assertTrue(page.data().size() <= 2, "a page holds at most limit batches");
            page.data().forEach(b -> listed.add(b.id()));
            if (listed.size() >= 5) {
                break;
            }
            assertTrue(page.hasNextPage(), "more batches follow");
            page = page.nextPage();
            pages++;
        }

        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, listed.subList(0, 5), "the five newest batches, newest first");
        assertEquals(3, pages);
        BatchListPage afterSecond = client().batches().list(BatchListParams.builder().limit(2)
                .after(listed.get(1)).putAdditionalQueryParam("provider", "anthropic").build());
        assertEquals(listed.subList(2, 4), afterSecond.data().stream().map(Batch::id).toList(),
                "after is exclusive and continues the order");
    }

    // ---- errors --------------------------------------------------------------------------------------------------

    @Test
    void an_invalid_custom_id_is_a_400_naming_the_request() {
        BadRequestException error = assertThrows(BadRequestException.class, () -> createInline(List.of(
                request("fine", "claude-haiku-4-5", "a"), request("not valid!", "claude-haiku-4-5", "b"))));

        assertEquals(400, error.statusCode());
        assertEquals("requests", error.param().orElseThrow());
        assertTrue(error.getMessage().contains("requests[1]: custom_id \"not valid!\""), error.getMessage());
        assertEquals("invalid_request_error", error.type().orElseThrow());
    }

    @Test
    void empty_requests_are_a_400() {
        BadRequestException error = assertThrows(BadRequestException.class, () -> createInline(List.of()));

        assertEquals("requests", error.param().orElseThrow());
        assertTrue(error.getMessage().contains("no requests"), error.getMessage());
    }

    @Test
    void an_unknown_batch_is_a_404_in_openais_envelope() {
        String unknown = "batch-anthropic-" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("msgbatch_01NoSuchBatchAtAll00000".getBytes(StandardCharsets.UTF_8));

        NotFoundException error = assertThrows(NotFoundException.class, () -> client().batches().retrieve(
                BatchRetrieveParams.builder().batchId(unknown).putAdditionalQueryParam("provider", "anthropic")
                        .build()));

        assertEquals(404, error.statusCode());
        assertEquals("not_found_error", error.type().orElseThrow(), "Anthropic's error type is kept");
        assertTrue(error.getMessage().contains("msgbatch_01NoSuchBatchAtAll00000"), error.getMessage());
        assertThrows(NotFoundException.class, () -> client().batches().cancel(unknown));
    }

    @Test
    void anthropic_429_is_passed_through_with_its_retry_after() {
        sandbox().anthropic().injectFaults(429, "Number of request tokens has exceeded your rate limit", 1);

        RateLimitException error = assertThrows(RateLimitException.class, () -> createInline(List.of(
                request("limited", "claude-haiku-4-5", "a"))));

        assertEquals(429, error.statusCode());
        assertEquals("rate_limit_error", error.type().orElseThrow());
        assertTrue(error.getMessage().contains("exceeded your rate limit"), error.getMessage());
        assertEquals(List.of("1"), error.headers().values("Retry-After"));
    }

    @Test
    void anthropic_529_is_passed_through_with_its_status() {
        sandbox().anthropic().injectFaults(529, "Overloaded", 1);

        InternalServerException error = assertThrows(InternalServerException.class, () -> createInline(List.of(
                request("overloaded", "claude-haiku-4-5", "a"))));

        assertEquals(529, error.statusCode());
        assertEquals("overloaded_error", error.type().orElseThrow());
        assertTrue(error.getMessage().contains("Overloaded"), error.getMessage());
    }

    @Test
    void a_read_retries_past_one_overloaded_answer_but_passes_a_lasting_one_through() {
        Batch batch = createInline(List.of(request("retried", "claude-haiku-4-5", "a")));

        sandbox().anthropic().injectFaults(529, "Overloaded", 1);
        assertEquals(batch.id(), client().batches().retrieve(batch.id()).id(), "the second attempt succeeds");

        sandbox().anthropic().injectFaults(529, "Overloaded", 2);
        OpenAIServiceException lasting = assertThrows(OpenAIServiceException.class,
                () -> client().batches().retrieve(batch.id()));
        assertEquals(529, lasting.statusCode(), "both attempts were overloaded");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Map<String, Object> request(String customId, String model, String question) {
        return Map.of("custom_id", customId, "params", Map.of("model", model, "max_tokens", 100,
                "messages", List.of(Map.of("role", "user", "content", question))));
    }

    private Batch createInline(List<Map<String, Object>> requests) {
        return client().batches().create(BatchCreateParams.builder()
                .inputFileId("")
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("anthropic"))
                .putAdditionalBodyProperty("requests", JsonValue.from(requests))
                .build());
    }

    /** The documents' loop, {@code for i in range(10)} with a pause, as long as the sandbox may need. */
    private Batch pollAsTheDocumentsDo(String batchId, Set<String> seen) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Batch batch = client().batches().retrieve(BatchRetrieveParams.builder().batchId(batchId)
                    .putAdditionalQueryParam("provider", "anthropic").build());
            String status = batch.status().asString();
            seen.add(status);
            if (List.of("completed", "failed", "expired", "cancelled", "ended").contains(status)) {
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
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(download(fileId), StandardCharsets.UTF_8).split("\n")) {
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
