package dev.caravan.sandbox.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.batches.BatchCreateParams;
import com.anthropic.models.messages.batches.MessageBatch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.JsonlLines;
import dev.caravan.jsonl.ResultLineReader;
import dev.caravan.jsonl.anthropic.AnthropicResultLines;
import dev.caravan.jsonl.canonical.BatchResult;
import dev.caravan.jsonl.canonical.FinishReason;
import dev.caravan.jsonl.canonical.ResultBody;
import dev.caravan.jsonl.canonical.ResultError;
import dev.caravan.jsonl.canonical.TokenUsage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What only the emulator's own hooks, raw HTTP, or the exact wire bytes can show. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnthropicEmulatorTest {

    private static final String KEY = "sk-ant-emulator-test-0123456789";
    private static final String BATCHES = "/v1/messages/batches";

    @TempDir
    static Path dataDir;

    private AnthropicEmulator emulator;
    private AnthropicClient client;
    private RawApi api;

    @BeforeAll
    void start() {
        emulator = new AnthropicEmulator(AnthropicEmulatorSettings.defaults(dataDir, KEY)
                .withProcessingDuration(Duration.ofMillis(300))).start("127.0.0.1", 0);
        client = AnthropicOkHttpClient.builder().baseUrl(emulator.baseUrl()).apiKey(KEY).maxRetries(0).build();
        api = new RawApi(emulator.baseUrl(), KEY);
    }

    @AfterAll
    void stop() {
        client.close();
        emulator.close();
    }

    // ---- injected faults --------------------------------------------------------------------------------------

    @Test
    void anInjected429IsARateLimitWithRetryAfter() {
        emulator.injectFaults(429, "Number of request tokens has exceeded your per-minute rate limit", 1);

        RateLimitException limited = assertThrows(RateLimitException.class, () -> client.messages().batches().list());

        assertEquals(429, limited.statusCode());
        assertEquals(List.of("1"), limited.headers().values("retry-after"));
        assertEquals(Optional.of(ErrorType.RATE_LIMIT_ERROR), limited.errorType());
        assertEquals("Number of request tokens has exceeded your per-minute rate limit",
                limited.apiMessage().orElseThrow());
        assertTrue(limited.requestId().orElseThrow().startsWith("req_01"), "the request-id header");
        client.messages().batches().list(); // one fault only
    }

    @Test
    void anInjected529IsOverloaded() {
        emulator.injectFaults(529, "Overloaded", 1);

        OverloadedException overloaded = assertThrows(OverloadedException.class,
                () -> client.messages().batches().list());

        assertEquals(529, overloaded.statusCode());
        assertEquals(Optional.of(ErrorType.OVERLOADED_ERROR), overloaded.errorType());
        assertTrue(overloaded.headers().values("retry-after").isEmpty(), "no retry-after on 529");
    }

    @Test
    void injected500sAreApiErrorsUntilTheCountIsUsedUp() {
        emulator.injectFaults(500, "Internal server error", 2);

        for (int i = 0; i < 2; i++) {
            InternalServerException failed = assertThrows(InternalServerException.class,
                    () -> client.messages().batches().retrieve("msgbatch_01AbCdEfGhJkLmNpQrStUvWx"));
            assertEquals(500, failed.statusCode());
            assertEquals(Optional.of(ErrorType.API_ERROR), failed.errorType());
        }
        client.messages().batches().list();
    }

    @Test
    void aFaultComesBeforeAuthentication() {
        emulator.injectFaults(529, "Overloaded", 1);

        RawApi.error(api.send(HttpRequest.newBuilder(api.uri(BATCHES)).GET().build()), 529,
                "overloaded_error");
    }

    // ---- headers ----------------------------------------------------------------------------------------------

    @Test
    void aMissingAnthropicVersionIsABadRequest() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri(BATCHES)).header("x-api-key", KEY)
                .GET().build());

        JsonNode error = RawApi.error(response, 400, "invalid_request_error");
        assertEquals("anthropic-version: header is required", error.get("message").asText());
    }

    @Test
    void anAnthropicVersionThatIsNoDateIsABadRequest() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri(BATCHES)).header("x-api-key", KEY)
                .header("anthropic-version", "latest").GET().build());

        RawApi.error(response, 400, "invalid_request_error");
    }

    @Test
    void aMissingOrWrongKeyIsAnAuthenticationErrorThatNeverEchoesTheKey() {
        HttpResponse<String> missing = api.send(HttpRequest.newBuilder(api.uri(BATCHES))
                .header("anthropic-version", RawApi.VERSION).GET().build());
        assertEquals("x-api-key header is required",
                RawApi.error(missing, 401, "authentication_error").get("message").asText());

        String wrong = "sk-ant-not-the-key-must-not-leak";
        HttpResponse<String> refused = api.send(HttpRequest.newBuilder(api.uri(BATCHES)).header("x-api-key", wrong)
                .header("anthropic-version", RawApi.VERSION).GET().build());
        RawApi.error(refused, 401, "authentication_error");
        assertFalse(refused.body().contains(wrong));
    }

    @Test
    void aBearerTokenIsAcceptedInsteadOfXApiKey() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri(BATCHES))
                .header("authorization", "Bearer " + KEY).header("anthropic-version", RawApi.VERSION).GET().build());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("request-id").orElseThrow().startsWith("req_01"));
        assertTrue(RawApi.json(response).get("data").isArray());
    }

    @Test
    void unknownPathsAndMethodsAnswerInTheEnvelope() {
        RawApi.error(api.get("/v1/messages/batches/x/y/z"), 404, "not_found_error");
        RawApi.error(api.get("/v1/nothing"), 404, "not_found_error");
        RawApi.error(api.send(api.authorized(BATCHES).PUT(HttpRequest.BodyPublishers.noBody()).build()), 405,
                "invalid_request_error");
    }

    // ---- create validation ------------------------------------------------------------------------------------

    @Test
    void malformedCreateBodiesAreRefusedNamingTheProblem() {
        String good = "{\"custom_id\":\"a\",\"params\":{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "The request body is empty: a JSON object with a `requests` array is required");
        cases.put("[]", "The request body must be a JSON object");
        cases.put("{}", "requests: Field required");
        cases.put("{\"requests\":{}}", "requests: Input should be a valid list");
        cases.put("{\"requests\":[]}", "requests: List should have at least 1 item after validation, not 0");
        cases.put("{\"requests\":[" + good + "],\"extra\":1}", "extra: Extra inputs are not permitted");
        cases.put("{\"requests\":[" + good + "]} trailing", null);
        cases.put("{\"requests\":[" + good + ",7]}", "requests.1: Input should be a valid dictionary");
        cases.put("{\"requests\":[{\"params\":{}}]}", "requests.0.custom_id: Field required");
        cases.put("{\"requests\":[{\"custom_id\":\"a b\",\"params\":{}}]}",
                "requests.0.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'");
        cases.put("{\"requests\":[{\"custom_id\":\"a\"}]}", "requests.0.params: Field required");
        cases.put("{\"requests\":[{\"custom_id\":\"a\",\"params\":{},\"x\":1}]}",
                "requests.0.x: Extra inputs are not permitted");
        cases.put("{\"requests\":[{\"custom_id\":\"a\",\"params\":{\"max_tokens\":5,\"messages\":[{}]}}]}",
                "requests.0.params.model: Field required");
        cases.put("{\"requests\":[{\"custom_id\":\"a\",\"params\":{\"model\":\"m\",\"messages\":[{}]}}]}",
                "requests.0.params.max_tokens: Field required");
        cases.put("{\"requests\":[{\"custom_id\":\"a\",\"params\":{\"model\":\"m\",\"max_tokens\":0,"
                + "\"messages\":[{}]}}]}", "requests.0.params.max_tokens: Input should be greater than or equal to 1");
        cases.put("{\"requests\":[{\"custom_id\":\"a\",\"params\":{\"model\":\"m\",\"max_tokens\":1.5,"
                + "\"messages\":[{}]}}]}", "requests.0.params.max_tokens: Input should be a valid integer");
        cases.put("{\"requests\":[{\"custom_id\":\"a\",\"params\":{\"model\":\"m\",\"max_tokens\":5}}]}",
                "requests.0.params.messages: Field required");
        cases.put("{\"requests\":[{\"custom_id\":\"a\",\"params\":{\"model\":\"m\",\"max_tokens\":5,"
                + "\"messages\":[]}}]}", "requests.0.params.messages: List should have at least 1 item after "
                + "validation, not 0");
        cases.put("{\"requests\":[{\"custom_id\":\"a\",\"params\":{\"model\":\"m\",\"max_tokens\":5,"
                + "\"messages\":[{}],\"stream\":true}}]}",
                "requests.0.params.stream: Input should be False: batch requests cannot be streamed");
        cases.put("{\"requests\":[" + good + "," + good + "]}", "requests.1.custom_id: Duplicate custom_id 'a': "
                + "every request in a batch needs a unique custom_id");

        cases.forEach((body, message) -> {
            JsonNode error = RawApi.error(api.postJson(BATCHES, body), 400, "invalid_request_error");
            if (message != null) {
                assertEquals(message, error.get("message").asText(), body);
            }
        });
        assertEquals(200, api.postJson(BATCHES, "{\"requests\":[" + good + "]}").statusCode(),
                "and the well-formed body passes");
    }

    // ---- processing -------------------------------------------------------------------------------------------

    @Test
    void aSucceededResultIsAClaudeMessage() {
        String body = "{\"requests\":[{\"custom_id\":\"msg\",\"params\":{\"model\":\"claude-haiku-4-5\","
                + "\"max_tokens\":50,\"system\":\"Be brief and kind.\",\"temperature\":0.5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hi!\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"How are\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/a.png\"}},"
                + "{\"type\":\"text\",\"text\":\"you?\"}]}]}},"
                + "{\"custom_id\":\"stop\",\"params\":{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,"
                + "\"stop_sequences\":[\"END\",\"to:\"],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}}]}";
        String id = RawApi.json(api.postJson(BATCHES, body)).get("id").asText();
        api.awaitEnded(id, Duration.ofSeconds(10));

        Map<String, JsonNode> lines = resultLines(id);

        JsonNode message = lines.get("msg").at("/result/message");
        assertEquals("succeeded", lines.get("msg").at("/result/type").asText());
        assertTrue(message.get("id").asText().matches("msg_01[1-9A-HJ-NP-Za-km-z]{22}"), message.toString());
        assertEquals("message", message.get("type").asText());
        assertEquals("assistant", message.get("role").asText());
        assertEquals("claude-haiku-4-5-20251001", message.get("model").asText(), "the alias' snapshot");
        assertEquals(1, message.get("content").size());
        assertEquals("text", message.at("/content/0/type").asText());
        assertEquals("Sandbox reply to: How are you?", message.at("/content/0/text").asText());
        assertEquals("end_turn", message.get("stop_reason").asText());
        assertTrue(message.get("stop_sequence").isNull());
        assertEquals(4 + 2 + 1 + 3, message.at("/usage/input_tokens").asInt(), "system and every text, by word");
        assertEquals(6, message.at("/usage/output_tokens").asInt());
        assertEquals("batch", message.at("/usage/service_tier").asText());

        JsonNode stopped = lines.get("stop").at("/result/message");
        assertEquals("claude-sonnet-4-5-20250929", stopped.get("model").asText());
        assertEquals("Sandbox reply", stopped.at("/content/0/text").asText());
        assertEquals("stop_sequence", stopped.get("stop_reason").asText());
        assertEquals("to:", stopped.get("stop_sequence").asText());
        assertEquals(2, stopped.at("/usage/output_tokens").asInt());

        assertEquals(lines.get("msg").at("/result/message/id"), resultLines(id).get("msg").at("/result/message/id"),
                "the same batch always gives the same results");
    }

    @Test
    void paramsTheModelRefusesBecomeErroredResults() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("unknown-model", "\"model\":\"claude-nope-9\",\"max_tokens\":5,\"messages\":[" + user("hi") + "]");
        params.put("too-many-tokens", "\"model\":\"claude-3-haiku-20240307\",\"max_tokens\":5000,\"messages\":["
                + user("hi") + "]");
        params.put("extra-param", "\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"frequency_penalty\":1,"
                + "\"messages\":[" + user("hi") + "]");
        params.put("bad-role", "\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"hi\"}]");
        params.put("assistant-first", "\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":["
                + "{\"role\":\"assistant\",\"content\":\"hi\"}," + user("hi") + "]");
        params.put("hot", "\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"temperature\":1.5,\"messages\":["
                + user("hi") + "]");
        params.put("empty", "\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[" + user("") + "]");
        params.put("fine", "\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[" + user("hi") + "]");
        StringBuilder body = new StringBuilder("{\"requests\":[");
        params.forEach((customId, p) -> body.append(body.length() > 13 ? "," : "")
                .append("{\"custom_id\":\"").append(customId).append("\",\"params\":{").append(p).append("}}"));
        HttpResponse<String> created = api.postJson(BATCHES, body.append("]}").toString());
        assertEquals(200, created.statusCode(), created.body());
        String id = RawApi.json(created).get("id").asText();

        JsonNode ended = api.awaitEnded(id, Duration.ofSeconds(10));

        assertEquals(1, ended.at("/request_counts/succeeded").asInt(), ended.toString());
        assertEquals(7, ended.at("/request_counts/errored").asInt(), ended.toString());
        Map<String, JsonNode> lines = resultLines(id);
        assertEquals("succeeded", lines.get("fine").at("/result/type").asText());
        Map<String, String> expected = Map.of(
                "unknown-model", "not_found_error|model: claude-nope-9",
                "too-many-tokens", "invalid_request_error|max_tokens: 5000 > 4096, which is the maximum allowed "
                        + "number of output tokens for claude-3-haiku-20240307",
                "extra-param", "invalid_request_error|frequency_penalty: Extra inputs are not permitted",
                "bad-role", "invalid_request_error|messages.0.role: Input should be 'user' or 'assistant'",
                "assistant-first", "invalid_request_error|messages: first message must use the \"user\" role",
                "hot", "invalid_request_error|temperature: Input should be less than or equal to 1",
                "empty", "invalid_request_error|messages: all messages must have non-empty content except for the "
                        + "optional final assistant message");
        expected.forEach((customId, typeAndMessage) -> {
            JsonNode result = lines.get(customId).get("result");
            assertEquals("errored", result.get("type").asText(), customId);
            JsonNode error = result.get("error");
            assertEquals("error", error.get("type").asText(), "a full ErrorResponse");
            assertEquals(typeAndMessage, error.at("/error/type").asText() + "|" + error.at("/error/message")
                    .asText(), customId);
            assertTrue(error.get("request_id").asText().startsWith("req_01"), customId);
        });
    }

    @Test
    void resultsAreNotInRequestOrder() {
        List<String> customIds = IntStream.range(0, 6).mapToObj(i -> "order-" + i).toList();
        String id = create(customIds).id();
        api.awaitEnded(id, Duration.ofSeconds(10));

        List<String> written = new ArrayList<>(resultLines(id).keySet());

        assertEquals(new HashSet<>(customIds), new HashSet<>(written));
        assertNotEquals(customIds, written, "a client must match results by custom_id, not by position");
    }

    // ---- results ----------------------------------------------------------------------------------------------

    @Test
    void resultsUrlIsAbsoluteAndReachable() {
        String id = create(List.of("one", "two")).id();
        JsonNode ended = api.awaitEnded(id, Duration.ofSeconds(10));

        String url = ended.get("results_url").asText();

        assertEquals(emulator.baseUrl() + "/v1/messages/batches/" + id + "/results", url);
        HttpResponse<String> results = api.get(url);
        assertEquals(200, results.statusCode(), results.body());
        assertEquals("application/x-jsonl", results.headers().firstValue("content-type").orElseThrow());
        assertTrue(results.headers().firstValue("request-id").isPresent());
        String[] lines = results.body().split("\n");
        assertEquals(2, lines.length, results.body());
        assertTrue(results.body().endsWith("\n"), "every line ends with a newline");
        RawApi.error(api.send(HttpRequest.newBuilder(api.uri(url)).header("anthropic-version", RawApi.VERSION)
                .GET().build()), 401, "authentication_error");
    }

    @Test
    void resultsBeforeTheEndAreRefused() {
        String id = create(IntStream.range(0, 200).mapToObj(i -> "early-" + i).toList()).id();

        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> client.messages().batches().resultsStreaming(id));

        assertEquals(Optional.of(ErrorType.INVALID_REQUEST_ERROR), refused.errorType());
        assertTrue(refused.apiMessage().orElseThrow().contains("has not ended"), refused.getMessage());
    }

    @Test
    void theResultsReadThroughCaravansAnthropicReader() throws IOException {
        String body = "{\"requests\":[" + request("ok", "claude-haiku-4-5", 50, "read me")
                + "," + request("cut", "claude-haiku-4-5", 2, "a long prompt here")
                + "," + request("missing", "claude-nope-1", 5, "x") + "]}";
        String id = RawApi.json(api.postJson(BATCHES, body)).get("id").asText();
        api.awaitEnded(id, Duration.ofSeconds(10));
        byte[] bytes = api.get(BATCHES + "/" + id + "/results").body().getBytes(StandardCharsets.UTF_8);

        ResultLineReader reader = AnthropicResultLines.reader(ConversionSettings.forModel("claude-haiku-4-5"));
        Map<String, BatchResult> results = new HashMap<>();
        try (JsonlLines lines = new JsonlLines(new ByteArrayInputStream(bytes))) {
            for (JsonlLines.Line line = lines.next(); line != null; line = lines.next()) {
                BatchResult result = reader.read(line.json(), line.number());
                results.put(result.id(), result);
            }
        }

        ResultBody.Completion ok = (ResultBody.Completion) results.get("ok").body();
        assertEquals("claude-haiku-4-5-20251001", ok.model());
        assertEquals(List.of(new ResultBody.Choice(0, "Sandbox reply to: read me", FinishReason.STOP)),
                ok.choices());
        assertEquals(TokenUsage.of(2, 5), ok.usage());
        ResultBody.Completion cut = (ResultBody.Completion) results.get("cut").body();
        assertEquals(new ResultBody.Choice(0, "Sandbox reply", FinishReason.LENGTH), cut.choices().get(0));
        ResultError missing = results.get("missing").error();
        assertEquals(new ResultError(404, null, "not_found_error", "model: claude-nope-1"), missing);
        assertTrue(results.get("missing").requestId().startsWith("req_01"));

        String canceledId = create(IntStream.range(0, 500).mapToObj(i -> "c" + i).toList()).id();
        client.messages().batches().cancel(canceledId);
        api.awaitEnded(canceledId, Duration.ofSeconds(10));
        byte[] canceled = api.get(BATCHES + "/" + canceledId + "/results").body().getBytes(StandardCharsets.UTF_8);
        int cancelledResults = 0;
        try (JsonlLines lines = new JsonlLines(new ByteArrayInputStream(canceled))) {
            for (JsonlLines.Line line = lines.next(); line != null; line = lines.next()) {
                ResultError error = reader.read(line.json(), line.number()).error();
                if (error != null) {
                    assertEquals(ResultError.CANCELLED, error.code());
                    cancelledResults++;
                }
            }
        }
        assertTrue(cancelledResults > 0, "the canceled requests read as batch_cancelled");
    }

    // ---- cancel, delete, list ---------------------------------------------------------------------------------

    @Test
    void cancelIsRefusedOnceTheBatchHasEnded() {
        String id = create(List.of("done")).id();
        api.awaitEnded(id, Duration.ofSeconds(10));

        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> client.messages().batches().cancel(id));

        assertEquals(Optional.of(ErrorType.INVALID_REQUEST_ERROR), refused.errorType());
        assertTrue(refused.apiMessage().orElseThrow().contains("already ended"), refused.getMessage());
    }

    @Test
    void deleteBeforeTheEndIsAnInvalidRequest() {
        String id = create(IntStream.range(0, 300).mapToObj(i -> "d" + i).toList()).id();

        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> client.messages().batches().delete(id));

        assertEquals(Optional.of(ErrorType.INVALID_REQUEST_ERROR), refused.errorType());
        assertTrue(refused.apiMessage().orElseThrow().contains("in_progress"), refused.getMessage());
    }

    @Test
    void aDeletedBatchStillServesAsACursor() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(List.of("cursor-" + i)).id());
        }
        api.awaitEnded(ids.get(1), Duration.ofSeconds(10));
        client.messages().batches().delete(ids.get(1));

        JsonNode page = RawApi.json(api.get(BATCHES + "?limit=1&after_id=" + ids.get(1)));

        assertEquals(ids.get(0), page.at("/data/0/id").asText(), "the batch just older than the deleted one");
    }

    @Test
    void listQueriesOutOfBoundsAreRefused() {
        String someId = create(List.of("any")).id();
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "before_id=" + someId + "&after_id="
                + someId, "after_id=msgbatch_01NeverIssuedNeverIssued12")) {
            RawApi.error(api.get(BATCHES + "?" + query), 400, "invalid_request_error");
        }
        JsonNode page = RawApi.json(api.get(BATCHES + "?limit=1000"));
        assertTrue(page.get("data").size() <= 1000);
        assertFalse(page.get("has_more").asBoolean());
    }

    @Test
    void theDefaultPageHolds20Batches() {
        for (int i = 0; i < 21; i++) {
            create(List.of("page-" + i));
        }

        JsonNode page = RawApi.json(api.get(BATCHES));

        assertEquals(20, page.get("data").size());
        assertTrue(page.get("has_more").asBoolean());
        assertEquals(page.at("/data/0/id"), page.get("first_id"));
        assertEquals(page.at("/data/19/id"), page.get("last_id"));
        JsonNode batch = page.at("/data/0");
        List<String> keys = new ArrayList<>();
        batch.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("id", "type", "processing_status", "request_counts", "created_at", "expires_at",
                "ended_at", "cancel_initiated_at", "archived_at", "results_url"), keys);
        assertEquals("message_batch", batch.get("type").asText());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private MessageBatch create(List<String> customIds) {
        return client.messages().batches().create(BatchCreateParams.builder()
                .requests(customIds.stream().map(customId -> BatchCreateParams.Request.builder()
                        .customId(customId)
                        .params(BatchCreateParams.Request.Params.builder()
                                .model("claude-haiku-4-5").maxTokens(16).addUserMessage("prompt " + customId).build())
                        .build()).toList())
                .build());
    }

    /** The results by custom_id, in the order they were written. */
    private Map<String, JsonNode> resultLines(String batchId) {
        HttpResponse<String> response = api.get(BATCHES + "/" + batchId + "/results");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, JsonNode> lines = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            try {
                JsonNode node = RawApi.JSON.readTree(line);
                assertNull(lines.put(node.get("custom_id").asText(), node), "one line per custom_id");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private static String user(String text) {
        ObjectNode message = RawApi.JSON.createObjectNode().put("role", "user").put("content", text);
        return message.toString();
    }

    private static String request(String customId, String model, int maxTokens, String prompt) {
        ObjectNode request = RawApi.JSON.createObjectNode().put("custom_id", customId);
        ObjectNode params = request.putObject("params").put("model", model).put("max_tokens", maxTokens);
        ArrayNode messages = params.putArray("messages");
        messages.addObject().put("role", "user").put("content", prompt);
        return request.toString();
    }
}
