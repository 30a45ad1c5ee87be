package dev.caravan.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code POST /v1/batches} body (provider-apis.md §2.1). Strict like the real API: unknown top-level
 * arguments are refused rather than ignored.
 */
record BatchCreateRequest(String inputFileId, BatchEndpoint endpoint, String completionWindow,
        Map<String, String> metadata, Long outputExpiresAfterSeconds) {

    private static final Set<String> ARGUMENTS =
            Set.of("input_file_id", "endpoint", "completion_window", "metadata", "output_expires_after");
    private static final int MAX_METADATA_PAIRS = 16;
    private static final int MAX_METADATA_KEY = 64;
    private static final int MAX_METADATA_VALUE = 512;

    static BatchCreateRequest parse(JsonNode root) {
        if (!root.isObject()) {
            throw ChatCompletionEngine.invalidType("body", "an object", root);
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!ARGUMENTS.contains(field.getKey())) {
                throw ApiError.unrecognizedArgument(field.getKey());
            }
        }
        String inputFileId = requiredString(root, "input_file_id");
        String endpointPath = requiredString(root, "endpoint");
        BatchEndpoint endpoint = BatchEndpoint.of(endpointPath).orElseThrow(() -> ApiError.badRequest(
                "Invalid value: '" + endpointPath + "'. Supported values are: " + BatchEndpoint.supportedList() + ".",
                "endpoint", "invalid_value"));
        if (endpoint.engine() == null) {
            throw ApiError.badRequest("The endpoint " + endpointPath + " is valid for the OpenAI Batch API but is an "
                    + "unsupported endpoint in the sandbox; use /v1/chat/completions or /v1/embeddings.", "endpoint",
                    "unsupported_endpoint");
        }
        String completionWindow = requiredString(root, "completion_window");
        if (!"24h".equals(completionWindow)) {
            throw ApiError.badRequest("Invalid value: '" + completionWindow + "'. Supported values are: '24h'.",
                    "completion_window", "invalid_value");
        }
        return new BatchCreateRequest(inputFileId, endpoint, completionWindow, metadata(root.get("metadata")),
                outputExpiresAfter(root.get("output_expires_after")));
    }

    private static String requiredString(JsonNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            throw ApiError.missingParameter(name);
        }
        if (!value.isTextual()) {
            throw ChatCompletionEngine.invalidType(name, "a string", value);
        }
        return value.asText();
    }

    private static Map<String, String> metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ChatCompletionEngine.invalidType("metadata", "an object", node);
        }
        if (node.size() > MAX_METADATA_PAIRS) {
            throw ApiError.badRequest("Invalid 'metadata': too many properties. Expected an object with at most "
                    + MAX_METADATA_PAIRS + " properties, but got an object with " + node.size() + " properties "
                    + "instead.", "metadata", "object_above_max_properties");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (key.length() > MAX_METADATA_KEY) {
                throw ApiError.badRequest("Invalid 'metadata': string too long. Expected a key with maximum length "
                        + MAX_METADATA_KEY + ", but got a key with length " + key.length() + " instead.", "metadata",
                        "string_above_max_length");
            }
            if (!field.getValue().isTextual()) {
                throw ChatCompletionEngine.invalidType("metadata." + key, "a string", field.getValue());
            }
            String value = field.getValue().asText();
            if (value.length() > MAX_METADATA_VALUE) {
                throw ApiError.badRequest("Invalid 'metadata." + key + "': string too long. Expected a string with "
                        + "maximum length " + MAX_METADATA_VALUE + ", but got a string with length " + value.length()
                        + " instead.", "metadata." + key, "string_above_max_length");
            }
            metadata.put(key, value);
        }
        return Collections.unmodifiableMap(metadata);
    }

    /** {@code {"anchor":"created_at","seconds":3600..2592000}}; applies to the output and error files. */
    private static Long outputExpiresAfter(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ChatCompletionEngine.invalidType("output_expires_after", "an object", node);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getKey().equals("anchor") && !field.getKey().equals("seconds")) {
                throw ApiError.unrecognizedArgument("output_expires_after." + field.getKey());
            }
        }
        JsonNode anchor = node.get("anchor");
        if (anchor == null || anchor.isNull()) {
            throw ApiError.missingParameter("output_expires_after.anchor");
        }
        if (!"created_at".equals(anchor.asText())) {
            throw ApiError.badRequest("Invalid value: '" + anchor.asText() + "'. Supported values are: 'created_at'.",
                    "output_expires_after.anchor", "invalid_value");
        }
        JsonNode seconds = node.get("seconds");
        if (seconds == null || seconds.isNull()) {
            throw ApiError.missingParameter("output_expires_after.seconds");
        }
        return ExpiryRange.check(seconds.isIntegralNumber() ? seconds.asLong() : null, seconds.asText(),
                "output_expires_after.seconds");
    }
}
