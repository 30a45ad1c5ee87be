package dev.caravan.jsonl.bedrock;

import static dev.caravan.jsonl.bedrock.Lines.CLAUDE;
import static dev.caravan.jsonl.bedrock.Lines.LLAMA;
import static dev.caravan.jsonl.bedrock.Lines.MISTRAL;
import static dev.caravan.jsonl.bedrock.Lines.NOVA;
import static dev.caravan.jsonl.bedrock.Lines.TITAN_EMBED;
import static dev.caravan.jsonl.bedrock.Lines.TITAN_TEXT;
import static dev.caravan.jsonl.bedrock.Lines.error;
import static dev.caravan.jsonl.bedrock.Lines.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ResultLineReader;
import dev.caravan.jsonl.canonical.BatchResult;
import dev.caravan.jsonl.canonical.FinishReason;
import dev.caravan.jsonl.canonical.ResultBody;
import dev.caravan.jsonl.canonical.ResultError;
import dev.caravan.jsonl.canonical.TokenUsage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BedrockResultReaderTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30.500Z"), ZoneOffset.UTC);
    static final long NOW = Instant.parse("2026-11-23T10:15:30Z").getEpochSecond();

    private static ResultLineReader reader(String model) {
        return BedrockResultLines.reader(ConversionSettings.forModel(model), CLOCK);
    }

    private static ResultBody.Completion completion(String model, String line) {
        BatchResult result = reader(model).read(json(line), 1);
        assertTrue(result.succeeded());
        assertNull(result.requestId());
        return (ResultBody.Completion) result.body();
    }

    @Test
    void claude_output() {
        BatchResult result = reader(CLAUDE).read(json("""
                {"recordId":"CALL0000001","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,
                 "messages":[{"role":"user","content":[{"type":"text","text":"Summarize ..."}]}]},
                 "modelOutput":{"id":"msg_bdrk_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant",
                 "model":"claude-3-haiku-20240307","content":[{"type":"text","text":"The caller asked "},
                 {"type":"text","text":"for a refund."}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":1234,"output_tokens":56}}}""".replace("\n", "")), 4);
        assertEquals("CALL0000001", result.id());
        ResultBody.Completion body = (ResultBody.Completion) result.body();
        assertEquals("msg_bdrk_01XFDUDYJgAACzvnptvVoYEL", body.id());
        assertEquals(CLAUDE, body.model());
        assertEquals(NOW, body.created());
        assertEquals(List.of(new ResultBody.Choice(0, "The caller asked for a refund.", FinishReason.STOP)),
                body.choices());
        assertEquals(new TokenUsage(1234, 56, 1290), body.usage());
    }

    @Test
    void claude_stop_reasons_and_cached_tokens() {
        String line = "{\"recordId\":\"r\",\"modelOutput\":{\"id\":\"msg_bdrk_1\",\"type\":\"message\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"x\"}],\"stop_reason\":\"%s\",\"usage\":{\"input_tokens\":10,"
                + "\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":1000,\"output_tokens\":5}}}";
        assertEquals(FinishReason.LENGTH, completion(CLAUDE, line.formatted("max_tokens")).choices().get(0).finishReason());
        assertEquals(FinishReason.STOP, completion(CLAUDE, line.formatted("stop_sequence")).choices().get(0).finishReason());
        assertEquals(FinishReason.TOOL_CALLS, completion(CLAUDE, line.formatted("tool_use")).choices().get(0).finishReason());
        assertEquals(FinishReason.CONTENT_FILTER, completion(CLAUDE, line.formatted("refusal")).choices().get(0)
                .finishReason());
        assertEquals(new TokenUsage(1110, 5, 1115), completion(CLAUDE, line.formatted("end_turn")).usage());
        // without a batch model, Claude's own model field names the model
        assertEquals("claude-3-haiku-20240307", completion(null, "{\"recordId\":\"r\",\"modelOutput\":{\"type\":"
                + "\"message\",\"model\":\"claude-3-haiku-20240307\",\"content\":[],\"stop_reason\":\"end_turn\"}}")
                .model());
    }

    @Test
    void nova_output() {
        ResultBody.Completion body = completion(NOVA, """
                {"recordId":"request-1","modelInput":{"messages":[{"role":"user","content":[{"text":"Hello"}]}],
                 "inferenceConfig":{"maxTokens":100}},
                 "modelOutput":{"output":{"message":{"role":"assistant","content":[{"text":"Hello! How can I help?"}]}},
                 "stopReason":"end_turn","usage":{"inputTokens":1,"outputTokens":7,"totalTokens":8}}}"""
                .replace("\n", ""));
        assertEquals("chatcmpl-request-1", body.id());
        assertEquals(NOVA, body.model());
        assertEquals(NOW, body.created());
        assertEquals(List.of(new ResultBody.Choice(0, "Hello! How can I help?", FinishReason.STOP)), body.choices());
        assertEquals(new TokenUsage(1, 7, 8), body.usage());
    }

    @Test
    void nova_and_converse_stop_reasons() {
        String line = "{\"recordId\":\"r\",\"modelOutput\":{\"output\":{\"message\":{\"role\":\"assistant\","
                + "\"content\":[{\"text\":\"x\"}]}},\"stopReason\":\"%s\",\"usage\":{\"inputTokens\":3,"
                + "\"outputTokens\":4,\"totalTokens\":7},\"metrics\":{\"latencyMs\":321}}}";
        assertEquals(FinishReason.LENGTH, completion(NOVA, line.formatted("max_tokens")).choices().get(0).finishReason());
        assertEquals(FinishReason.STOP, completion(NOVA, line.formatted("stop_sequence")).choices().get(0).finishReason());
        assertEquals(FinishReason.CONTENT_FILTER, completion(NOVA, line.formatted("content_filtered")).choices().get(0)
                .finishReason());
        assertEquals(FinishReason.CONTENT_FILTER, completion(CLAUDE, line.formatted("guardrail_intervened")).choices()
                .get(0).finishReason());
        assertEquals(FinishReason.STOP, completion(NOVA, line.formatted("a_future_reason")).choices().get(0)
                .finishReason());
    }

    @Test
    void llama_output() {
        ResultBody.Completion body = completion(LLAMA, "{\"recordId\":\"l-1\",\"modelInput\":{\"prompt\":\"Hi\"},"
                + "\"modelOutput\":{\"generation\":\"Hello there.\",\"prompt_token_count\":12,"
                + "\"generation_token_count\":4,\"stop_reason\":\"stop\"}}");
        assertEquals("chatcmpl-l-1", body.id());
        assertEquals(List.of(new ResultBody.Choice(0, "Hello there.", FinishReason.STOP)), body.choices());
        assertEquals(new TokenUsage(12, 4, 16), body.usage());
        assertEquals(FinishReason.LENGTH, completion(LLAMA, "{\"recordId\":\"l\",\"modelOutput\":{\"generation\":\"x\","
                + "\"stop_reason\":\"length\"}}").choices().get(0).finishReason());
    }

    @Test
    void mistral_output_has_a_choice_per_output_and_no_usage() {
        ResultBody.Completion body = completion(MISTRAL, "{\"recordId\":\"m-1\",\"modelOutput\":{\"outputs\":["
                + "{\"text\":\" Lemon juice.\",\"stop_reason\":\"stop\"},{\"text\":\" Mayo\",\"stop_reason\":\"length\"}]}}");
        assertEquals(List.of(new ResultBody.Choice(0, " Lemon juice.", FinishReason.STOP),
                new ResultBody.Choice(1, " Mayo", FinishReason.LENGTH)), body.choices());
        assertEquals(new TokenUsage(0, 0, 0), body.usage());
        ResultBody.Completion chat = completion("mistral.mistral-large-2407-v1:0", "{\"recordId\":\"m-2\","
                + "\"modelOutput\":{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                + "\"stop_reason\":\"length\"}]}}");
        assertEquals(List.of(new ResultBody.Choice(0, "Hi", FinishReason.LENGTH)), chat.choices());
    }

    @Test
    void titan_text_output() {
        // the example record of the Bedrock batch results page
        ResultBody.Completion body = completion(TITAN_TEXT, "{ \"recordId\" : \"3223593EFGH\", \"modelInput\" : "
                + "{\"inputText\": \"Roses are red, violets are\"}, \"modelOutput\" : {\"inputTextTokenCount\": 8, "
                + "\"results\": [{\"tokenCount\": 3, \"outputText\": \"blue\\n\", \"completionReason\": \"FINISH\"}]}}");
        assertEquals("chatcmpl-3223593EFGH", body.id());
        assertEquals(List.of(new ResultBody.Choice(0, "blue\n", FinishReason.STOP)), body.choices());
        assertEquals(new TokenUsage(8, 3, 11), body.usage());
        String line = "{\"recordId\":\"t\",\"modelOutput\":{\"inputTextTokenCount\":1,\"results\":[{\"tokenCount\":1,"
                + "\"outputText\":\"x\",\"completionReason\":\"%s\"}]}}";
        assertEquals(FinishReason.LENGTH, completion(TITAN_TEXT, line.formatted("LENGTH")).choices().get(0).finishReason());
        assertEquals(FinishReason.CONTENT_FILTER, completion(TITAN_TEXT, line.formatted("CONTENT_FILTERED")).choices()
                .get(0).finishReason());
        assertEquals(FinishReason.STOP, completion(TITAN_TEXT, line.formatted("FINISHED")).choices().get(0)
                .finishReason());
    }

    @Test
    void titan_embeddings_output() {
        BatchResult result = reader(TITAN_EMBED).read(json("{\"recordId\":\"e-1\",\"modelInput\":{\"inputText\":"
                + "\"The quick brown fox\"},\"modelOutput\":{\"embedding\":[0.125,-0.5,0.75],"
                + "\"inputTextTokenCount\":5}}"), 1);
        ResultBody.Embeddings body = (ResultBody.Embeddings) result.body();
        assertEquals(TITAN_EMBED, body.model());
        assertEquals(1, body.vectors().size());
        assertArrayEquals(new double[] {0.125, -0.5, 0.75}, body.vectors().get(0));
        assertEquals(new TokenUsage(5, 0, 5), body.usage());
    }

    @Test
    void error_records() {
        BatchResult failed = reader(TITAN_TEXT).read(json("{ \"recordId\" : \"1223213ABCD\", \"modelInput\" : "
                + "{\"inputText\": \"Hello world\"}, \"error\" : {\"errorCode\" : 400, \"errorMessage\" : "
                + "\"bad request\" }}"), 2);
        assertEquals("1223213ABCD", failed.id());
        assertEquals(new ResultError(400, null, null, "bad request"), failed.error());
        assertEquals(new ResultError(429, null, null, "Too many tokens"), reader(CLAUDE).read(json(
                "{\"recordId\":\"r\",\"error\":{\"errorCode\":\"429\",\"errorMessage\":\"Too many tokens\"}}"), 3).error());
        assertEquals(new ResultError(500, "ModelErrorException", null, "The model failed"), reader(CLAUDE).read(json(
                "{\"recordId\":\"r\",\"error\":{\"errorCode\":\"ModelErrorException\",\"errorMessage\":"
                        + "\"The model failed\"}}"), 4).error());
        assertEquals(new ResultError(500, "999", null, ""), reader(CLAUDE).read(json(
                "{\"recordId\":\"r\",\"error\":{\"errorCode\":999}}"), 5).error());
    }

    @Test
    void malformed_records_name_the_line() {
        assertEquals("line 6: recordId is missing", error(() -> reader(CLAUDE).read(json(
                "{\"modelOutput\":{\"generation\":\"x\"}}"), 6)));
        assertEquals("line 7: a Bedrock result line needs a modelOutput object or an error", error(() ->
                reader(CLAUDE).read(json("{\"recordId\":\"r\",\"modelInput\":{}}"), 7)));
        assertEquals("line 8: modelOutput has no shape Caravan recognises (Claude, Nova/Converse, Llama, Mistral, "
                + "Titan)", error(() -> reader(CLAUDE).read(json("{\"recordId\":\"r\",\"modelOutput\":{\"text\":\"x\"}}"), 8)));
    }
}
