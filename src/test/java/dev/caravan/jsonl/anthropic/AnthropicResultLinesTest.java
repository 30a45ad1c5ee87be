package dev.caravan.jsonl.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ResultLineReader;
import dev.caravan.jsonl.canonical.BatchResult;
import dev.caravan.jsonl.canonical.FinishReason;
import dev.caravan.jsonl.canonical.ResultBody;
import dev.caravan.jsonl.canonical.ResultError;
import dev.caravan.jsonl.canonical.TokenUsage;
import dev.caravan.model.GatewayError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicResultLinesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final ResultLineReader READER = AnthropicResultLines.reader(
            ConversionSettings.forModel("claude-sonnet-4-5"), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aSucceededResultBecomesAOneChoiceCompletion() {
        BatchResult result = read("""
                {"custom_id":"my-first-request","result":{"type":"succeeded","message":{
                  "id":"msg_014VwiXbi91y3JMjcpyGBHX5","type":"message","role":"assistant",
                  "model":"claude-sonnet-4-5-20250929",
                  "content":[{"type":"thinking","thinking":"Hmm.","signature":"sig"},
                             {"type":"text","text":"Hello! "},{"type":"text","text":"How can I help?"}],
                  "stop_reason":"end_turn","stop_sequence":null,
                  "usage":{"input_tokens":10,"cache_creation_input_tokens":5,"cache_read_input_tokens":100,
                           "output_tokens":34,"service_tier":"batch"}}}}""", 1);

        assertEquals("my-first-request", result.id());
        assertNull(result.requestId());
        assertNull(result.error());
        ResultBody.Completion completion = (ResultBody.Completion) result.body();
        assertEquals("msg_014VwiXbi91y3JMjcpyGBHX5", completion.id());
        assertEquals("claude-sonnet-4-5-20250929", completion.model());
        assertEquals(NOW.getEpochSecond(), completion.created());
        assertEquals(List.of(new ResultBody.Choice(0, "Hello! How can I help?", FinishReason.STOP)),
                completion.choices());
        assertEquals(TokenUsage.of(115, 34), completion.usage(), "cached prompt tokens count as prompt tokens");
    }

    @Test
    void stopReasonsMapToOpenAiReasons() {
        Map<String, FinishReason> expected = Map.of("end_turn", FinishReason.STOP,
                "stop_sequence", FinishReason.STOP, "max_tokens", FinishReason.LENGTH,
                "model_context_window_exceeded", FinishReason.LENGTH, "tool_use", FinishReason.TOOL_CALLS,
                "refusal", FinishReason.CONTENT_FILTER, "pause_turn", FinishReason.STOP,
                "something_new", FinishReason.STOP);
        expected.forEach((anthropic, openAi) -> {
            BatchResult result = read("{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\",\"message\":{\"id\":"
                    + "\"msg_1\",\"model\":\"claude-haiku-4-5\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\","
                    + "\"name\":\"f\",\"input\":{}}],\"stop_reason\":\"" + anthropic + "\",\"usage\":"
                    + "{\"input_tokens\":1,\"output_tokens\":2}}}}", 2);
            ResultBody.Choice choice = ((ResultBody.Completion) result.body()).choices().get(0);
            assertEquals(openAi, choice.finishReason(), anthropic);
            assertEquals("", choice.text(), "a message of tool calls only has no text");
        });
    }

    @Test
    void aMessageWithoutModelOrStopReasonUsesTheBatchModelAndStop() {
        BatchResult result = read("{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\",\"message\":{\"id\":"
                + "\"msg_2\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],\"stop_reason\":null}}}", 3);
        ResultBody.Completion completion = (ResultBody.Completion) result.body();
        assertEquals("claude-sonnet-4-5", completion.model());
        assertEquals(List.of(new ResultBody.Choice(0, "Hi", FinishReason.STOP)), completion.choices());
        assertEquals(TokenUsage.of(0, 0), completion.usage());
    }

    @Test
    void anErroredResultKeepsTheStatusOfItsTypeAndItsRequestId() {
        BatchResult result = read("""
                {"custom_id":"b","result":{"type":"errored","error":{"type":"error","error":{
                  "type":"invalid_request_error","message":"max_tokens: Field required"},
                  "request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}}}""", 4);
        assertEquals(BatchResult.failure("b", "req_011CSHoEeqs5C35K2UUqR7Fy", new ResultError(400, null,
                "invalid_request_error", "max_tokens: Field required")), result);

        Map<String, Integer> statuses = Map.ofEntries(Map.entry("invalid_request_error", 400),
                Map.entry("authentication_error", 401), Map.entry("billing_error", 402),
                Map.entry("permission_error", 403), Map.entry("not_found_error", 404),
                Map.entry("request_too_large", 413), Map.entry("rate_limit_error", 429), Map.entry("api_error", 500),
                Map.entry("timeout_error", 504), Map.entry("overloaded_error", 529), Map.entry("new_error", 500));
        statuses.forEach((type, status) -> {
            ResultError error = read("{\"custom_id\":\"c\",\"result\":{\"type\":\"errored\",\"error\":{\"type\":"
                    + "\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"m\"}}}}", 5).error();
            assertEquals(new ResultError(status, null, type, "m"), error, type);
        });

        BatchResult bare = read("{\"custom_id\":\"d\",\"result\":{\"type\":\"errored\",\"error\":{\"type\":"
                + "\"overloaded_error\",\"message\":\"Overloaded\"}}}", 6);
        assertEquals(BatchResult.failure("d", null, new ResultError(529, null, "overloaded_error", "Overloaded")),
                bare, "the bare {type, message} is read too");
    }

    @Test
    void canceledAndExpiredRequestsNeverRan() {
        BatchResult canceled = read("{\"custom_id\":\"c\",\"result\":{\"type\":\"canceled\"}}", 7);
        assertEquals(BatchResult.failure("c", null, new ResultError(0, "batch_cancelled", null,
                "The batch was cancelled before this request ran.")), canceled);
        assertFalse(canceled.error().executed());

        BatchResult expired = read("{\"custom_id\":\"d\",\"result\":{\"type\":\"expired\"}}", 8);
        assertEquals(BatchResult.failure("d", null, new ResultError(0, "batch_expired", null,
                "The batch expired before this request ran.")), expired);
        assertFalse(expired.error().executed());
    }

    @Test
    void malformedLinesNameTheLine() {
        assertEquals("line 9: custom_id must be a non-empty string",
                readError("{\"result\":{\"type\":\"canceled\"}}", 9));
        assertEquals("line 10: result must be a JSON object", readError("{\"custom_id\":\"a\",\"result\":null}", 10));
        assertEquals("line 11: result.type \"pending\" must be succeeded, errored, canceled or expired",
                readError("{\"custom_id\":\"a\",\"result\":{\"type\":\"pending\"}}", 11));
        assertEquals("line 12: a succeeded result needs result.message",
                readError("{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\"}}", 12));
        assertEquals("line 13: result.message.id must be a string",
                readError("{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\",\"message\":{}}}", 13));
        assertEquals("line 14: an errored result needs result.error",
                readError("{\"custom_id\":\"a\",\"result\":{\"type\":\"errored\"}}", 14));
    }

    private static BatchResult read(String line, int number) {
        return READER.read(AnthropicRequestLinesTest.parse(line), number);
    }

    private static String readError(String line, int number) {
        return assertThrows(GatewayError.class, () -> read(line, number)).getMessage();
    }
}
