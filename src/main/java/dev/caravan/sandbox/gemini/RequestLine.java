package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One input line of a batch, in any of the three forms the reference lists (provider-apis.md §5.5):
 * (a) {@code {"key","request"}}, the documented file form; (b) a bare GenerateContentRequest, answered without a key;
 * (c) {@code {"request","metadata":{"key"}}}, the inline form, also accepted in files (UNCONFIRMED whether the API
 * does; the reference recommends it).
 *
 * @param key      the request's key, or null (form b, or a line without one)
 * @param metadata form (c)'s metadata, echoed in an inline response; null otherwise
 * @param request  the GenerateContentRequest, or null when the line is no request at all
 * @param problem  why the line is not a request, or null
 */
record RequestLine(String key, JsonNode metadata, JsonNode request, ApiError problem) {

    static RequestLine parse(String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new RequestLine(null, null, null, ApiError.invalid("Invalid JSON in the input line: "
                    + e.getOriginalMessage()));
        }
        return of(node);
    }

    static RequestLine of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new RequestLine(null, null, null, ApiError.invalid("An input line must be a JSON object."));
        }
        JsonNode request = node.get("request");
        if (request == null) {
            // form (b): the line is the request itself
            return new RequestLine(null, null, node, null);
        }
        JsonNode metadata = node.get("metadata");
        JsonNode key = node.get("key");
        if ((key == null || key.isNull()) && metadata != null && metadata.isObject()) {
            key = metadata.get("key");
        }
        String keyText = key != null && key.isValueNode() && !key.isNull() ? key.asText() : null;
        return new RequestLine(keyText, metadata instanceof ObjectNode ? metadata : null, request, null);
    }
}
