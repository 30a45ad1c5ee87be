package dev.caravan.jsonl.bedrock;

import static dev.caravan.jsonl.bedrock.BedrockResultReaderTest.CLOCK;
import static dev.caravan.jsonl.bedrock.BedrockResultReaderTest.NOW;
import static dev.caravan.jsonl.bedrock.Lines.CLAUDE;
import static dev.caravan.jsonl.bedrock.Lines.LLAMA;
import static dev.caravan.jsonl.bedrock.Lines.MISTRAL;
import static dev.caravan.jsonl.bedrock.Lines.NOVA;
import static dev.caravan.jsonl.bedrock.Lines.TITAN_EMBED;
import static dev.caravan.jsonl.bedrock.Lines.TITAN_TEXT;
import static dev.caravan.jsonl.bedrock.Lines.error;
import static dev.caravan.jsonl.bedrock.Lines.json;
import static dev.caravan.jsonl.bedrock.Lines.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ResultLineWriter;
import dev.caravan.jsonl.canonical.BatchResult;
import dev.caravan.jsonl.canonical.FinishReason;
import dev.caravan.jsonl.canonical.ResultBody;
import dev.caravan.jsonl.canonical.ResultError;
import dev.caravan.jsonl.canonical.TokenUsage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BedrockResultWriterTest {

    /** A result of a job that ran on OpenAI. */
    private static BatchResult openAi(FinishReason reason) {
        return BatchResult.success("req-1", "req_abc", new ResultBody.Completion("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
                "gpt-4o-mini-2024-07-18", 1723000000L, List.of(new ResultBody.Choice(0, "Hello! How can I help?",
                reason)), new TokenUsage(19, 10, 29)));
    }

    private static ResultLineWriter writer(String model) {
        return BedrockResultLines.writer(ConversionSettings.forModel(model));
    }

    @Test
    void claude_response() throws IOException {
        assertEquals(json("{\"recordId\":\"req-1\",\"modelOutput\":{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"gpt-4o-mini-2024-07-18\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"Hello! How can I help?\"}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":19,\"output_tokens\":10}}}"),
                write(writer(CLAUDE), openAi(FinishReason.STOP)));
        assertEquals("max_tokens", write(writer(CLAUDE), openAi(FinishReason.LENGTH))
                .at("/modelOutput/stop_reason").asText());
    }

    @Test
    void nova_and_converse_response() throws IOException {
        String expected = "{\"recordId\":\"req-1\",\"modelOutput\":{\"output\":{\"message\":{\"role\":\"assistant\","
                + "\"content\":[{\"text\":\"Hello! How can I help?\"}]}},\"stopReason\":\"%s\",\"usage\":"
                + "{\"inputTokens\":19,\"outputTokens\":10,\"totalTokens\":29}}}";
        assertEquals(json(expected.formatted("end_turn")), write(writer(NOVA), openAi(FinishReason.STOP)));
        assertEquals(json(expected.formatted("content_filtered")), write(writer(NOVA),
                openAi(FinishReason.CONTENT_FILTER)));
        ResultLineWriter converse = BedrockResultLines.writer(ConversionSettings.forModel(CLAUDE).withConverse(true));
        assertEquals(json(expected.formatted("max_tokens")), write(converse, openAi(FinishReason.LENGTH)));
    }

    @Test
    void llama_mistral_and_titan_responses() throws IOException {
        assertEquals(json("{\"recordId\":\"req-1\",\"modelOutput\":{\"generation\":\"Hello! How can I help?\","
                + "\"prompt_token_count\":19,\"generation_token_count\":10,\"stop_reason\":\"length\"}}"),
                write(writer(LLAMA), openAi(FinishReason.LENGTH)));
        assertEquals(json("{\"recordId\":\"req-1\",\"modelOutput\":{\"outputs\":[{\"text\":\"Hello! How can I help?\","
                + "\"stop_reason\":\"stop\"}]}}"), write(writer(MISTRAL), openAi(FinishReason.STOP)));
        assertEquals(json("{\"recordId\":\"req-1\",\"modelOutput\":{\"inputTextTokenCount\":19,\"results\":"
                + "[{\"tokenCount\":10,\"outputText\":\"Hello! How can I help?\",\"completionReason\":\"FINISH\"}]}}"),
                write(writer(TITAN_TEXT), openAi(FinishReason.STOP)));
        assertEquals("CONTENT_FILTERED", write(writer(TITAN_TEXT), openAi(FinishReason.CONTENT_FILTER))
                .at("/modelOutput/results/0/completionReason").asText());
    }

    @Test
    void mistral_keeps_several_choices() throws IOException {
        BatchResult two = BatchResult.success("m", null, new ResultBody.Completion("c", "m", 1, List.of(
                new ResultBody.Choice(0, "a", FinishReason.STOP), new ResultBody.Choice(1, "b", FinishReason.LENGTH)),
                TokenUsage.of(1, 2)));
        assertEquals(json("{\"recordId\":\"m\",\"modelOutput\":{\"outputs\":[{\"text\":\"a\",\"stop_reason\":\"stop\"},"
                + "{\"text\":\"b\",\"stop_reason\":\"length\"}]}}"), write(writer(MISTRAL), two));
    }

    @Test
    void titan_embeddings_response() throws IOException {
        BatchResult vector = BatchResult.success("e-1", null, new ResultBody.Embeddings("text-embedding-3-small",
                List.of(new double[] {0.25, -0.5}), new TokenUsage(5, 0, 5)));
        assertEquals(json("{\"recordId\":\"e-1\",\"modelOutput\":{\"embedding\":[0.25,-0.5],\"inputTextTokenCount\":5}}"),
                write(writer(TITAN_EMBED), vector));
    }

    @Test
    void failures() throws IOException {
        assertEquals(json("{\"recordId\":\"req-2\",\"error\":{\"errorCode\":400,\"errorMessage\":\"Invalid value\"}}"),
                write(writer(CLAUDE), BatchResult.failure("req-2", "req_x", new ResultError(400, "invalid_value",
                        "invalid_request_error", "Invalid value"))));
        assertEquals(json("{\"recordId\":\"req-3\",\"error\":{\"errorCode\":\"batch_expired\",\"errorMessage\":"
                + "\"This request could not be executed before the completion window expired.\"}}"),
                write(writer(CLAUDE), BatchResult.failure("req-3", null, new ResultError(0, ResultError.EXPIRED, null,
                        "This request could not be executed before the completion window expired."))));
        // a failure needs no family, so even a batch without a model converts its failures
        assertEquals(json("{\"recordId\":\"req-4\",\"error\":{\"errorCode\":500,\"errorMessage\":\"boom\"}}"),
                write(writer(null), BatchResult.failure("req-4", null, new ResultError(500, null, null, "boom"))));
    }

    @Test
    void mismatches_are_refused() {
        assertEquals("missing model: Bedrock results take the response shape of the batch model, and the batch has none",
                error(() -> write(writer(null), openAi(FinishReason.STOP))));
        assertEquals("model family of cohere.command-r-v1:0 is not supported for batch conversion (Caravan converts "
                + "Anthropic Claude, Amazon Nova, Meta Llama 3/4, Mistral AI, Amazon Titan Text and Titan Text Embeddings)",
                error(() -> write(writer("cohere.command-r-v1:0"), openAi(FinishReason.STOP))));
        assertEquals("the result for recordId \"req-1\" is a completion, which the embedding model " + TITAN_EMBED
                + " does not return", error(() -> write(writer(TITAN_EMBED), openAi(FinishReason.STOP))));
        BatchResult vector = BatchResult.success("e", null, new ResultBody.Embeddings("m",
                List.of(new double[] {1}, new double[] {2}), TokenUsage.of(1, 0)));
        assertEquals("the result for recordId \"e\" is embeddings, which the chat model " + CLAUDE + " does not return",
                error(() -> write(writer(CLAUDE), vector)));
        assertEquals("the result for recordId \"e\" has 2 vectors; Titan embeddings return one",
                error(() -> write(writer(TITAN_EMBED), vector)));
        BatchResult two = BatchResult.success("n2", null, new ResultBody.Completion("c", "m", 1, List.of(
                new ResultBody.Choice(0, "a", FinishReason.STOP), new ResultBody.Choice(1, "b", FinishReason.STOP)),
                TokenUsage.of(1, 2)));
        assertEquals("the result for recordId \"n2\" has 2 choices; Bedrock Anthropic Claude returns exactly one",
                error(() -> write(writer(CLAUDE), two)));
    }

    /** What the writer writes, the reader reads back: same text, finish reason and usage. */
    @Test
    void every_family_reads_back() throws IOException {
        for (String model : List.of(CLAUDE, NOVA, LLAMA, TITAN_TEXT)) {
            for (FinishReason reason : List.of(FinishReason.STOP, FinishReason.LENGTH)) {
                BatchResult back = BedrockResultLines.reader(ConversionSettings.forModel(model), CLOCK)
                        .read(write(writer(model), openAi(reason)), 1);
                ResultBody.Completion body = (ResultBody.Completion) back.body();
                assertEquals("req-1", back.id(), model);
                assertEquals(List.of(new ResultBody.Choice(0, "Hello! How can I help?", reason)), body.choices(), model);
                assertEquals(new TokenUsage(19, 10, 29), body.usage(), model);
                assertEquals(NOW, body.created());
            }
        }
        BatchResult vector = BatchResult.success("e-1", null, new ResultBody.Embeddings("m",
                List.of(new double[] {0.25, -0.5}), new TokenUsage(5, 0, 5)));
        ResultBody.Embeddings back = (ResultBody.Embeddings) BedrockResultLines.reader(
                ConversionSettings.forModel(TITAN_EMBED), CLOCK).read(write(writer(TITAN_EMBED), vector), 1).body();
        assertArrayEquals(new double[] {0.25, -0.5}, back.vectors().get(0));
        assertEquals(new TokenUsage(5, 0, 5), back.usage());
    }
}
