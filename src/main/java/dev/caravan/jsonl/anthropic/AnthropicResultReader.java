package dev.caravan.jsonl.anthropic;

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
import java.util.List;

/**
 * Reads Anthropic batch result lines (provider-apis.md §3.4): {@code succeeded} becomes a one-choice completion,
 * {@code errored} a failed request with the status of its error type (§3.5), {@code canceled} and {@code expired}
 * requests that never ran, under OpenAI's {@code batch_cancelled} / {@code batch_expired} codes.
 */
final class AnthropicResultReader implements ResultLineReader {

    private final ConversionSettings settings;
    private final Clock clock;

    AnthropicResultReader(ConversionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public BatchResult read(JsonNode line, int n) {
        JsonNode customId = line.get("custom_id");
        if (customId == null || !customId.isTextual() || customId.asText().isEmpty()) {
            throw LineError.at(n, "custom_id must be a non-empty string");
        }
        String id = customId.asText();
        JsonNode result = line.get("result");
        if (result == null || !result.isObject()) {
            throw LineError.at(n, "result must be a JSON object");
        }
        String type = result.path("type").asText();
        switch (type) {
            case "succeeded":
                return BatchResult.success(id, null, completion(result.get("message"), n));
            case "errored":
                return errored(id, result.get("error"), n);
            case "canceled":
                return BatchResult.failure(id, null, new ResultError(0, ResultError.CANCELLED, null,
                        "The batch was cancelled before this request ran."));
            case "expired":
                return BatchResult.failure(id, null, new ResultError(0, ResultError.EXPIRED, null,
                        "The batch expired before this request ran."));
            default:
                throw LineError.at(n, "result.type \"" + type + "\" must be succeeded, errored, canceled or "
                        + "expired");
        }
    }

    private ResultBody.Completion completion(JsonNode message, int n) {
        if (message == null || !message.isObject()) {
            throw LineError.at(n, "a succeeded result needs result.message");
        }
        JsonNode messageId = message.get("id");
        if (messageId == null || !messageId.isTextual()) {
            throw LineError.at(n, "result.message.id must be a string");
        }
        ResultBody.Choice choice = new ResultBody.Choice(0, text(message.path("content")),
                finishReason(message.path("stop_reason").asText("")));
        JsonNode model = message.get("model");
        return new ResultBody.Completion(messageId.asText(), model != null && model.isTextual() ? model.asText()
                : settings.model(),
                clock.instant().getEpochSecond(), List.of(choice), usage(message.path("usage")));
    }

    /** The text blocks joined as written; tool_use and thinking blocks are not the answer's text. */
    private static String text(JsonNode content) {
        String single = null;
        StringBuilder joined = null;
        for (JsonNode block : content) {
            if (!"text".equals(block.path("type").asText())) {
                continue;
            }
            String text = block.path("text").asText("");
            if (single == null) {
                single = text;
            } else {
                if (joined == null) {
                    joined = new StringBuilder(single);
                }
                joined.append(text);
            }
        }
        return joined != null ? joined.toString() : single != null ? single : "";
    }

    static FinishReason finishReason(String stopReason) {
        switch (stopReason) {
            case "max_tokens":
            case "model_context_window_exceeded":
                return FinishReason.LENGTH;
            case "tool_use":
                return FinishReason.TOOL_CALLS;
            case "refusal":
                return FinishReason.CONTENT_FILTER;
            default:
                // end_turn, stop_sequence, and pause_turn (a server tool paused a long turn) or a reason newer than
                // this code: stop is the OpenAI reason that claims nothing more
                return FinishReason.STOP;
        }
    }

    /**
     * OpenAI's prompt_tokens include cached prompt tokens, Anthropic's input_tokens do not: the cache reads and
     * writes are added back so the two mean the same.
     */
    private static TokenUsage usage(JsonNode usage) {
        long prompt = usage.path("input_tokens").asLong(0) + usage.path("cache_creation_input_tokens").asLong(0)
                + usage.path("cache_read_input_tokens").asLong(0);
        return TokenUsage.of(prompt, usage.path("output_tokens").asLong(0));
    }

    /** {@code error} is a full ErrorResponse {@code {type: error, error: {type, message}, request_id}}. */
    private static BatchResult errored(String id, JsonNode error, int n) {
        if (error == null || !error.isObject()) {
            throw LineError.at(n, "an errored result needs result.error");
        }
        // tolerate the bare {type, message} too: it is what the envelope wraps
        JsonNode detail = error.path("error").isObject() ? error.get("error") : error;
        String type = detail.path("type").asText("api_error");
        JsonNode requestId = error.get("request_id");
        return BatchResult.failure(id, requestId != null && requestId.isTextual() ? requestId.asText() : null,
                new ResultError(AnthropicErrorType.httpStatus(type), null, type, detail.path("message").asText("")));
    }
}
