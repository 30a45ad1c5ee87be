package dev.caravan.jsonl.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.ResultLineReader;
import dev.caravan.jsonl.canonical.BatchResult;
import dev.caravan.jsonl.canonical.FinishReason;
import dev.caravan.jsonl.canonical.ResultBody;
import dev.caravan.jsonl.canonical.ResultError;
import dev.caravan.jsonl.canonical.TokenUsage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of a Bedrock job's {@code .out} files (provider-apis.md §6.5): {@code {recordId, modelInput,
 * modelOutput}} or {@code {recordId, modelInput, error: {errorCode, errorMessage}}}. The modelOutput is the
 * InvokeModel response of the model's family or a Converse response; it is recognised by its shape, so a file reads
 * the same whatever the job's invocation type.
 *
 * <p>{@code created}: Bedrock records carry no time, and 0 (1970) breaks clients that show or sort by it. The
 * reading time is the nearest truthful value (the result exists by then); the clock is injectable for tests.
 */
final class BedrockResultReader implements ResultLineReader {

    private static final String CHATCMPL = "chatcmpl-";

    private final ConversionSettings settings;
    private final Clock clock;

    BedrockResultReader(ConversionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public BatchResult read(JsonNode line, int n) {
        JsonNode idNode = line.get("recordId");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isEmpty()) {
            throw LineError.at(n, "recordId is missing");
        }
        String id = idNode.asText();
        JsonNode error = line.get("error");
        if (error != null && !error.isNull()) {
            return BatchResult.failure(id, null, error(error));
        }
        JsonNode output = line.get("modelOutput");
        if (output == null || !output.isObject()) {
            throw LineError.at(n, "a Bedrock result line needs a modelOutput object or an error");
        }
        return BatchResult.success(id, null, body(id, output, n));
    }

    /**
     * errorCode is an HTTP status in the documented example (400); a non-numeric code (UNCONFIRMED that Bedrock
     * writes any) is kept as the error code with status 500, since the record did run and fail.
     */
    private static ResultError error(JsonNode error) {
        JsonNode code = error.path("errorCode");
        String message = error.path("errorMessage").asText("");
        String text = code.asText("");
        int status = code.isIntegralNumber() ? code.asInt() : parseStatus(text);
        if (status >= 100 && status <= 599) {
            return new ResultError(status, null, null, message);
        }
        return new ResultError(500, text.isEmpty() ? null : text, null, message);
    }

    private static int parseStatus(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ResultBody body(String id, JsonNode output, int n) {
        if (output.has("embedding")) {
            return embeddings(output);
        }
        if (output.has("output")) {
            return converse(id, output);
        }
        if (output.has("content") && (output.has("stop_reason") || "message".equals(output.path("type").asText()))) {
            return claude(id, output);
        }
        if (output.has("generation")) {
            return llama(id, output);
        }
        if (output.has("outputs")) {
            return mistral(id, output);
        }
        if (output.has("choices")) {
            return mistralChat(id, output);
        }
        if (output.has("results")) {
            return titan(id, output);
        }
        throw LineError.at(n, "modelOutput has no shape Caravan recognises (Claude, Nova/Converse, Llama, Mistral, "
                + "Titan)");
    }

    /** {@code {id, type: message, model, content: [{type: text, text}], stop_reason, usage}}. */
    private ResultBody claude(String id, JsonNode output) {
        String text = joinedText(output.path("content"), "text");
        JsonNode usage = output.path("usage");
        // OpenAI counts cached prompt tokens in prompt_tokens; Anthropic reports them apart from input_tokens
        long prompt = usage.path("input_tokens").asLong() + usage.path("cache_creation_input_tokens").asLong()
                + usage.path("cache_read_input_tokens").asLong();
        String completionId = output.path("id").asText("");
        String model = settings.model() != null ? settings.model() : output.path("model").asText(null);
        return new ResultBody.Completion(completionId.isEmpty() ? CHATCMPL + id : completionId, model, created(),
                List.of(new ResultBody.Choice(0, text, StopReasons.fromClaude(output.path("stop_reason").asText(null)))),
                TokenUsage.of(prompt, usage.path("output_tokens").asLong()));
    }

    /** Nova and Converse: {@code {output: {message: {content: [{text}]}}, stopReason, usage}}. */
    private ResultBody converse(String id, JsonNode output) {
        String text = joinedText(output.path("output").path("message").path("content"), null);
        JsonNode usage = output.path("usage");
        // cache token names: Nova InvokeModel …TokenCount, Converse …Tokens
        long prompt = usage.path("inputTokens").asLong() + usage.path("cacheReadInputTokenCount").asLong()
                + usage.path("cacheWriteInputTokenCount").asLong() + usage.path("cacheReadInputTokens").asLong()
                + usage.path("cacheWriteInputTokens").asLong();
        long completion = usage.path("outputTokens").asLong();
        long total = usage.has("totalTokens") ? usage.path("totalTokens").asLong() : prompt + completion;
        // whether totalTokens counts cached tokens is UNCONFIRMED: never report a total below its parts
        return completion(id, text, StopReasons.fromConverse(output.path("stopReason").asText(null)),
                new TokenUsage(prompt, completion, Math.max(total, prompt + completion)));
    }

    /** {@code {generation, prompt_token_count, generation_token_count, stop_reason}}. */
    private ResultBody llama(String id, JsonNode output) {
        return completion(id, output.path("generation").asText(""),
                StopReasons.fromLlamaOrMistral(output.path("stop_reason").asText(null)),
                TokenUsage.of(output.path("prompt_token_count").asLong(), output.path("generation_token_count").asLong()));
    }

    /**
     * {@code {outputs: [{text, stop_reason}]}}: one choice per output. The text-completion response reports no
     * token counts (Bedrock puts them in HTTP headers, which a batch record does not keep), so usage is zero.
     */
    private ResultBody mistral(String id, JsonNode output) {
        List<ResultBody.Choice> choices = new ArrayList<>(output.path("outputs").size());
        int index = 0;
        for (JsonNode item : output.path("outputs")) {
            choices.add(new ResultBody.Choice(index++, item.path("text").asText(""),
                    StopReasons.fromLlamaOrMistral(item.path("stop_reason").asText(null))));
        }
        return new ResultBody.Completion(CHATCMPL + id, settings.model(), created(), choices, TokenUsage.of(0, 0));
    }

    /**
     * Mistral's chat-completion response, which Mistral Large 2407 and later return to a chat body sent directly by
     * the caller: {@code {choices: [{index, message: {content}, stop_reason}]}} (UNCONFIRMED beyond the Bedrock
     * "Mistral AI chat completion" page; no usage there either).
     */
    private ResultBody mistralChat(String id, JsonNode output) {
        List<ResultBody.Choice> choices = new ArrayList<>(output.path("choices").size());
        int index = 0;
        for (JsonNode item : output.path("choices")) {
            String reason = item.has("stop_reason") ? item.path("stop_reason").asText(null)
                    : item.path("finish_reason").asText(null);
            choices.add(new ResultBody.Choice(index++, item.path("message").path("content").asText(""),
                    StopReasons.fromLlamaOrMistral(reason)));
        }
        JsonNode usage = output.path("usage");
        return new ResultBody.Completion(CHATCMPL + id, settings.model(), created(), choices,
                TokenUsage.of(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong()));
    }

    /** {@code {inputTextTokenCount, results: [{tokenCount, outputText, completionReason}]}}. */
    private ResultBody titan(String id, JsonNode output) {
        JsonNode results = output.path("results");
        List<ResultBody.Choice> choices = new ArrayList<>(results.size());
        long generated = 0;
        int index = 0;
        for (JsonNode item : results) {
            choices.add(new ResultBody.Choice(index++, item.path("outputText").asText(""),
                    StopReasons.fromTitan(item.path("completionReason").asText(null))));
            generated += item.path("tokenCount").asLong();
        }
        return new ResultBody.Completion(CHATCMPL + id, settings.model(), created(), choices,
                TokenUsage.of(output.path("inputTextTokenCount").asLong(), generated));
    }

    /** {@code {embedding: [...], inputTextTokenCount}}. */
    private ResultBody embeddings(JsonNode output) {
        JsonNode values = output.path("embedding");
        double[] vector = new double[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i).asDouble();
        }
        long tokens = output.path("inputTextTokenCount").asLong();
        return new ResultBody.Embeddings(settings.model(), List.of(vector), new TokenUsage(tokens, 0, tokens));
    }

    private ResultBody completion(String id, String text, FinishReason reason, TokenUsage usage) {
        return new ResultBody.Completion(CHATCMPL + id, settings.model(), created(),
                List.of(new ResultBody.Choice(0, text, reason)), usage);
    }

    /**
     * The text blocks of a content array, joined as one text: a model's consecutive text blocks are one answer.
     * Other blocks (reasoning, tool use) have no place in a canonical choice; Caravan's requests never ask for them.
     */
    private static String joinedText(JsonNode content, String type) {
        if (content.size() == 1 && content.get(0).has("text")) {
            return content.get(0).path("text").asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if (block.has("text") && (type == null || type.equals(block.path("type").asText()))) {
                text.append(block.path("text").asText());
            }
        }
        return text.toString();
    }

    private long created() {
        return clock.millis() / 1000;
    }
}
