package dev.caravan.jsonl.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class GeminiResultLinesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final ResultLineReader READER = GeminiResultLines.reader(
            ConversionSettings.forModel("gemini-2.5-flash"), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aResponseBecomesACompletionWithOneChoicePerCandidate() {
        BatchResult result = read("""
                {"key":"request-1","response":{"candidates":[
                  {"content":{"role":"model","parts":[{"text":"Let me think.","thought":true},
                     {"text":"The answer "},{"text":"is 42."}]},"finishReason":"STOP","avgLogprobs":-0.2},
                  {"content":{"role":"model","parts":[{"text":"Forty-two"}]},"finishReason":"MAX_TOKENS","index":1}],
                 "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":9,"thoughtsTokenCount":30,
                   "totalTokenCount":51,"promptTokensDetails":[{"modality":"TEXT","tokenCount":12}]},
                 "modelVersion":"gemini-2.5-flash-001","responseId":"mPa7aOb0Df2yz7IP"}}""", 1);

        assertEquals("request-1", result.id());
        assertNull(result.requestId());
        assertNull(result.error());
        ResultBody.Completion completion = (ResultBody.Completion) result.body();
        assertEquals("mPa7aOb0Df2yz7IP", completion.id());
        assertEquals("gemini-2.5-flash-001", completion.model());
        assertEquals(NOW.getEpochSecond(), completion.created());
        assertEquals(List.of(new ResultBody.Choice(0, "The answer is 42.", FinishReason.STOP),
                new ResultBody.Choice(1, "Forty-two", FinishReason.LENGTH)), completion.choices());
        assertEquals(new TokenUsage(12, 39, 51), completion.usage(), "thinking tokens count as completion tokens");
    }

    @Test
    void theKeyMayFollowTheResponseOrSitInMetadataAndMissingIdsAreDerived() {
        BatchResult after = read("""
                {"response":{"candidates":[{"content":{"parts":[{"text":"Hi"}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1}},"key":"late-key"}""", 2);
        ResultBody.Completion completion = (ResultBody.Completion) after.body();
        assertEquals("late-key", after.id());
        assertEquals("chatcmpl-late-key", completion.id());
        assertEquals("gemini-2.5-flash", completion.model(), "no modelVersion: the batch's model");
        assertEquals(TokenUsage.of(3, 1), completion.usage(), "no totalTokenCount: prompt + completion");

        BatchResult metadata = read("""
                {"response":{"candidates":[{"content":{"parts":[{"text":"Yo"}]}}]},"metadata":{"key":"meta-key"}}""",
                3);
        assertEquals("meta-key", metadata.id());
        ResultBody.Completion bare = (ResultBody.Completion) metadata.body();
        assertEquals(List.of(new ResultBody.Choice(0, "Yo", FinishReason.STOP)), bare.choices());
        assertEquals(TokenUsage.of(0, 0), bare.usage());
    }

    @Test
    void finishReasonsMapToOpenAiReasons() {
        Map<String, FinishReason> expected = Map.ofEntries(
                Map.entry("STOP", FinishReason.STOP), Map.entry("MAX_TOKENS", FinishReason.LENGTH),
                Map.entry("SAFETY", FinishReason.CONTENT_FILTER), Map.entry("RECITATION", FinishReason.CONTENT_FILTER),
                Map.entry("BLOCKLIST", FinishReason.CONTENT_FILTER),
                Map.entry("PROHIBITED_CONTENT", FinishReason.CONTENT_FILTER),
                Map.entry("SPII", FinishReason.CONTENT_FILTER), Map.entry("IMAGE_SAFETY", FinishReason.CONTENT_FILTER),
                Map.entry("OTHER", FinishReason.STOP), Map.entry("LANGUAGE", FinishReason.STOP),
                Map.entry("MALFORMED_FUNCTION_CALL", FinishReason.STOP),
                Map.entry("FINISH_REASON_UNSPECIFIED", FinishReason.STOP),
                Map.entry("SOMETHING_NEW", FinishReason.STOP));
        expected.forEach((gemini, openAi) -> {
            BatchResult result = read("{\"key\":\"k\",\"response\":{\"candidates\":[{\"finishReason\":\"" + gemini
                    + "\"}]}}", 4);
            ResultBody.Choice choice = ((ResultBody.Completion) result.body()).choices().get(0);
            assertEquals(openAi, choice.finishReason(), gemini);
            assertEquals("", choice.text(), "a filtered candidate may have no content");
        });
    }

    @Test
    void aBlockedPromptIsAFailedRequest() {
        BatchResult result = read("""
                {"key":"unsafe","response":{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[
                  {"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH"}]},
                 "usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash"}}""", 5);

        assertEquals("unsafe", result.id());
        assertNull(result.body());
        assertEquals(new ResultError(400, "content_filter", null, "Gemini blocked the prompt (SAFETY)"),
                result.error());
        assertTrue(result.error().executed());

        BatchResult withMessage = read("""
                {"key":"b","response":{"candidates":[],"promptFeedback":{"blockReason":"OTHER",
                 "blockReasonMessage":"Unsupported content."}}}""", 6);
        assertEquals("Gemini blocked the prompt (OTHER): Unsupported content.", withMessage.error().message());

        BatchResult empty = read("{\"key\":\"c\",\"response\":{\"usageMetadata\":{}}}", 7);
        assertEquals(new ResultError(500, "empty_response", null, "Gemini returned no candidates"), empty.error());
    }

    @Test
    void errorLinesKeepTheirStatusTypeAndMessage() {
        assertEquals(BatchResult.failure("request-2", null, new ResultError(400, null, "INVALID_ARGUMENT",
                "Request contains an invalid argument.")), read("""
                {"key":"request-2","error":{"code":400,"message":"Request contains an invalid argument.",
                 "status":"INVALID_ARGUMENT"}}""", 8));
        assertEquals(new ResultError(429, null, "RESOURCE_EXHAUSTED", "Quota exceeded."), read(
                "{\"key\":\"r\",\"error\":{\"code\":8,\"message\":\"Quota exceeded.\"}}", 9).error(),
                "a google.rpc code is mapped to its HTTP status");
        assertEquals(new ResultError(503, null, "UNAVAILABLE", "Try later."), read(
                "{\"key\":\"r\",\"error\":{\"message\":\"Try later.\",\"status\":\"UNAVAILABLE\"}}", 10).error());
        assertEquals(new ResultError(500, null, null, ""), read("{\"key\":\"r\",\"error\":{}}", 11).error());
        assertEquals(new ResultError(500, null, "INTERNAL", "boom"), read(
                "{\"key\":\"r\",\"error\":{\"code\":13,\"message\":\"boom\"},\"response\":null}", 12).error());
    }

    @Test
    void malformedLinesNameTheLine() {
        assertEquals("line 13: a Gemini result line needs its request's key (key or metadata.key)",
                readError("{\"response\":{\"candidates\":[]}}", 13));
        assertEquals("line 14: a Gemini result line needs its request's key (key or metadata.key)",
                readError("{\"key\":1,\"response\":{}}", 14));
        assertEquals("line 15: a Gemini result line needs a response or an error object",
                readError("{\"key\":\"k\"}", 15));
        assertEquals("line 16: a Gemini result line needs a response or an error object",
                readError("{\"key\":\"k\",\"response\":\"ok\"}", 16));
        assertEquals("line 17: error must be a status object {code, message, status}",
                readError("{\"key\":\"k\",\"error\":\"failed\"}", 17));
    }

    private static BatchResult read(String line, int number) {
        return READER.read(GeminiRequestLinesTest.parse(line), number);
    }

    private static String readError(String line, int number) {
        return assertThrows(GatewayError.class, () -> read(line, number)).getMessage();
    }
}
