package dev.caravan.sandbox.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * The checks one item of {@code requests} must pass for the batch to be created (provider-apis.md §3.2): an object
 * of {@code custom_id} and {@code params} only; {@code custom_id} matching {@code ^[a-zA-Z0-9_-]{1,64}$}, unique in
 * the batch; {@code params} an object with a non-empty string {@code model}, an integer {@code max_tokens} ≥ 1, a
 * non-empty {@code messages} array, and no {@code stream: true} (a batch request is never streamed).
 *
 * <p>Why only these at create: they are what the batch envelope itself requires and what every request of every model
 * needs. Everything else in {@code params} (does the model exist, is max_tokens within its output limit, are the
 * messages well-formed, is a parameter unknown) is checked when the request runs and reported as that request's
 * {@code errored} result, as the real API validates params asynchronously: one bad request does not sink the others.
 *
 * <p>UNCONFIRMED: the messages follow the API's pydantic style ("requests.0.custom_id: String should match pattern
 * ..."), as remembered; only the status and type (400 {@code invalid_request_error}) are in the reference. The
 * duplicate custom_id message is invented. Extra keys beside custom_id and params are refused, as the API refuses
 * extra inputs elsewhere.
 */
final class RequestCheck {

    private RequestCheck() {
    }

    /**
     * @param seen the custom_ids of the earlier requests; this one's is added
     * @throws ApiError 400 {@code invalid_request_error} naming the first problem
     */
    static void check(JsonNode item, int index, Set<String> seen) {
        String at = "requests." + index;
        if (!item.isObject()) {
            throw ApiError.invalid(at + ": Input should be a valid dictionary");
        }
        for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("custom_id") && !name.equals("params")) {
                throw ApiError.invalid(at + "." + name + ": Extra inputs are not permitted");
            }
        }
        String customId = customId(item.get("custom_id"), at + ".custom_id");
        params(item.get("params"), at + ".params");
        if (!seen.add(customId)) {
            throw ApiError.invalid(at + ".custom_id: Duplicate custom_id '" + customId + "': every request in a batch "
                    + "needs a unique custom_id");
        }
    }

    private static String customId(JsonNode value, String at) {
        if (value == null) {
            throw ApiError.invalid(at + ": Field required");
        }
        if (!value.isTextual()) {
            throw ApiError.invalid(at + ": Input should be a valid string");
        }
        if (!BatchLimits.CUSTOM_ID.matcher(value.asText()).matches()) {
            throw ApiError.invalid(at + ": String should match pattern '" + BatchLimits.CUSTOM_ID.pattern() + "'");
        }
        return value.asText();
    }

    private static void params(JsonNode params, String at) {
        if (params == null) {
            throw ApiError.invalid(at + ": Field required");
        }
        if (!params.isObject()) {
            throw ApiError.invalid(at + ": Input should be a valid dictionary");
        }
        JsonNode model = params.get("model");
        if (model == null) {
            throw ApiError.invalid(at + ".model: Field required");
        }
        if (!model.isTextual()) {
            throw ApiError.invalid(at + ".model: Input should be a valid string");
        }
        if (model.asText().isEmpty()) {
            throw ApiError.invalid(at + ".model: String should have at least 1 character");
        }
        JsonNode maxTokens = params.get("max_tokens");
        if (maxTokens == null) {
            throw ApiError.invalid(at + ".max_tokens: Field required");
        }
        if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToLong()) {
            throw ApiError.invalid(at + ".max_tokens: Input should be a valid integer");
        }
        if (maxTokens.asLong() < 1) {
            throw ApiError.invalid(at + ".max_tokens: Input should be greater than or equal to 1");
        }
        JsonNode messages = params.get("messages");
        if (messages == null) {
            throw ApiError.invalid(at + ".messages: Field required");
        }
        if (!messages.isArray()) {
            throw ApiError.invalid(at + ".messages: Input should be a valid list");
        }
        if (messages.isEmpty()) {
            throw ApiError.invalid(at + ".messages: List should have at least 1 item after validation, not 0");
        }
        JsonNode stream = params.get("stream");
        if (stream != null && !stream.isNull() && !(stream.isBoolean() && !stream.asBoolean())) {
            throw ApiError.invalid(at + ".stream: Input should be False: batch requests cannot be streamed");
        }
    }
}
