package dev.caravan.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.anthropic.AnthropicCustomIds;
import java.util.Iterator;

/**
 * The shape of one message batch request that Anthropic refuses the whole batch for (provider-apis.md §3.2): an
 * object of exactly {@code custom_id} (1–64 of letters, digits, _ and -) and {@code params}, a non-streaming Messages
 * request naming its model, a {@code max_tokens} of at least 1 and at least one message. What the Messages API
 * makes of the parameters themselves is Anthropic's to judge, request by request, in the results.
 */
final class RequestShape {

    private RequestShape() {
    }

    /** What is wrong with the request, or null when its shape is right. */
    static String problem(JsonNode request) {
        if (request == null || !request.isObject()) {
            return "must be a JSON object {custom_id, params}";
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("custom_id") && !name.equals("params")) {
                return "unknown field '" + name + "': a request holds custom_id and params only";
            }
        }
        JsonNode customId = request.get("custom_id");
        if (customId == null || !customId.isTextual()) {
            return "custom_id must be a string";
        }
        if (!AnthropicCustomIds.valid(customId.asText())) {
            return AnthropicCustomIds.problem(customId.asText());
        }
        JsonNode params = request.get("params");
        if (params == null || !params.isObject()) {
            return "params must be a JSON object (a Messages API request)";
        }
        JsonNode model = params.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            return "params.model must name a model";
        }
        JsonNode maxTokens = params.get("max_tokens");
        if (maxTokens == null || !maxTokens.canConvertToLong() || !maxTokens.isIntegralNumber()
                || maxTokens.asLong() < 1) {
            return "params.max_tokens must be an integer of at least 1";
        }
        JsonNode messages = params.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return "params.messages must be a non-empty array";
        }
        if (params.path("stream").asBoolean(false)) {
            return "params.stream must not be true: batch requests do not stream";
        }
        return null;
    }
}
