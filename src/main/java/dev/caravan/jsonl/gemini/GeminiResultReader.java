package dev.caravan.jsonl.gemini;

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
 * Reads Gemini batch output lines (provider-apis.md §5.5): {@code {key, response: GenerateContentResponse}} becomes a
 * completion with one choice per candidate, {@code {key, error: {code, message, status}}} a failed request. The key
 * may come before or after the response, or as {@code metadata.key} for requests written in the metadata form.
 */
final class GeminiResultReader implements ResultLineReader {

    private final ConversionSettings settings;
    private final Clock clock;

    GeminiResultReader(ConversionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public BatchResult read(JsonNode line, int n) {
        String key = key(line, n);
        JsonNode error = line.get("error");
        if (error != null && !error.isNull()) {
            return BatchResult.failure(key, null, error(error, n));
        }
        JsonNode response = line.get("response");
        if (response == null || !response.isObject()) {
            throw LineError.at(n, "a Gemini result line needs a response or an error object");
        }
        JsonNode candidates = response.path("candidates");
        if (!candidates.isArray() || candidates.isEmpty()) {
            return BatchResult.failure(key, null, noCandidates(response));
        }
        List<ResultBody.Choice> choices = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            // proto3 JSON leaves out zero values, so the first candidate's index is usually absent
            choices.add(new ResultBody.Choice(candidate.path("index").asInt(i), text(candidate.path("content")),
                    finishReason(candidate.path("finishReason").asText(""))));
        }
        JsonNode responseId = response.get("responseId");
        JsonNode modelVersion = response.get("modelVersion");
        return BatchResult.success(key, null, new ResultBody.Completion(
                responseId != null && responseId.isTextual() ? responseId.asText() : "chatcmpl-" + key,
                modelVersion != null && modelVersion.isTextual() ? modelVersion.asText() : settings.model(),
                clock.instant().getEpochSecond(), choices, usage(response.path("usageMetadata"))));
    }

    private static String key(JsonNode line, int n) {
        JsonNode key = line.get("key");
        if (key == null) {
            key = line.path("metadata").get("key");
        }
        if (key == null || !key.isTextual() || key.asText().isEmpty()) {
            throw LineError.at(n, "a Gemini result line needs its request's key (key or metadata.key)");
        }
        return key.asText();
    }

    /**
     * ⚠ UNCONFIRMED shape (provider-apis.md §5.5): {@code code} is read as the HTTP status when it looks like one
     * (the REST envelope's form) and as a google.rpc code otherwise (a bare google.rpc.Status's form).
     */
    private static ResultError error(JsonNode error, int n) {
        if (!error.isObject()) {
            throw LineError.at(n, "error must be a status object {code, message, status}");
        }
        int code = error.path("code").asInt(0);
        String status = error.path("status").asText(null);
        GoogleRpcCode rpc = status != null ? GoogleRpcCode.ofName(status)
                : code > 0 && code < 100 ? GoogleRpcCode.ofNumber(code) : null;
        int httpStatus = code >= 100 ? code : rpc != null ? rpc.httpStatus() : 500;
        String type = status != null ? status : rpc != null ? rpc.name() : null;
        return new ResultError(httpStatus, null, type, error.path("message").asText(""));
    }

    /**
     * No candidate at all. With {@code promptFeedback.blockReason} Gemini refused the prompt itself: OpenAI answers a
     * prompt its filter refuses with a 400 whose code is {@code content_filter} (the finish reason it gives a
     * filtered completion), so the request fails the same way here. Without a block reason nothing was generated,
     * which no chat completion can express (a client reads choices[0]): a 500, as an upstream fault.
     */
    private static ResultError noCandidates(JsonNode response) {
        JsonNode feedback = response.path("promptFeedback");
        String blockReason = feedback.path("blockReason").asText(null);
        if (blockReason != null) {
            String message = feedback.path("blockReasonMessage").asText(null);
            return new ResultError(400, FinishReason.CONTENT_FILTER.wire(), null, "Gemini blocked the prompt ("
                    + blockReason + ")" + (message != null ? ": " + message : ""));
        }
        return new ResultError(500, "empty_response", null, "Gemini returned no candidates");
    }

    /** The text parts joined as written; thought summaries (thought: true) are not the answer and stay out. */
    private static String text(JsonNode content) {
        JsonNode parts = content.path("parts");
        String single = null;
        StringBuilder joined = null;
        for (JsonNode part : parts) {
            JsonNode text = part.get("text");
            if (text == null || part.path("thought").asBoolean(false)) {
                continue;
            }
            if (single == null) {
                single = text.asText();
            } else {
                if (joined == null) {
                    joined = new StringBuilder(single);
                }
                joined.append(text.asText());
            }
        }
        return joined != null ? joined.toString() : single != null ? single : "";
    }

    static FinishReason finishReason(String reason) {
        switch (reason) {
            case "MAX_TOKENS":
                return FinishReason.LENGTH;
            case "SAFETY":
            case "RECITATION":
            case "BLOCKLIST":
            case "PROHIBITED_CONTENT":
            case "SPII":
            case "IMAGE_SAFETY":
                return FinishReason.CONTENT_FILTER;
            default:
                // STOP, and OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, FINISH_REASON_UNSPECIFIED or a reason newer
                // than this code: OpenAI has no word for "stopped for another reason", and stop claims nothing more
                // (tool_calls would promise tool calls the message does not hold)
                return FinishReason.STOP;
        }
    }

    /**
     * Thinking tokens are billed as output and OpenAI counts reasoning tokens inside completion_tokens, so they are
     * added to the candidates' count; the total is Gemini's own.
     */
    private static TokenUsage usage(JsonNode usage) {
        long prompt = usage.path("promptTokenCount").asLong(0);
        long completion = usage.path("candidatesTokenCount").asLong(0) + usage.path("thoughtsTokenCount").asLong(0);
        JsonNode total = usage.get("totalTokenCount");
        return total != null ? new TokenUsage(prompt, completion, total.asLong()) : TokenUsage.of(prompt, completion);
    }
}
