package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Checks a GenerateContentRequest as the API's proto3 JSON parser and its own validation would: unknown fields,
 * wrong JSON types, no contents, empty parts, a role other than user/model. Each refusal is 400 INVALID_ARGUMENT with
 * a message in the API's style ("Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), ...").
 */
final class RequestCheck {

    /** GenerateContentRequest's fields, both spellings. */
    private static final Set<String> REQUEST_FIELDS = Set.of("model", "contents", "tools", "toolConfig",
            "tool_config", "safetySettings", "safety_settings", "systemInstruction", "system_instruction",
            "generationConfig", "generation_config", "cachedContent", "cached_content");
    private static final Set<String> INT_FIELDS = Set.of("maxOutputTokens", "candidateCount", "topK", "seed",
            "logprobs");
    private static final Set<String> NUMBER_FIELDS = Set.of("temperature", "topP", "presencePenalty",
            "frequencyPenalty");

    private RequestCheck() {
    }

    static void check(JsonNode request) {
        if (!request.isObject()) {
            throw ApiError.invalid("Invalid JSON payload received. The request must be a JSON object.");
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!REQUEST_FIELDS.contains(name)) {
                throw ApiError.invalid("Invalid JSON payload received. Unknown name \"" + name + "\": Cannot find "
                        + "field.");
            }
        }
        JsonNode contents = Json.field(request, "contents");
        if (contents == null || (contents.isArray() && contents.isEmpty())) {
            throw ApiError.invalid("* GenerateContentRequest.contents: contents is not specified");
        }
        if (!contents.isArray()) {
            throw ApiError.invalid("Invalid value at 'contents' (type.googleapis.com/google.ai.generativelanguage"
                    + ".v1beta.Content), " + contents);
        }
        for (int i = 0; i < contents.size(); i++) {
            content(contents.get(i), "contents[" + i + "]");
        }
        JsonNode system = Json.field(request, "systemInstruction");
        if (system != null) {
            content(system, "system_instruction");
        }
        JsonNode config = Json.field(request, "generationConfig");
        if (config != null) {
            generationConfig(config);
        }
    }

    private static void content(JsonNode content, String where) {
        if (!content.isObject()) {
            throw ApiError.invalid("Invalid value at '" + where + "' (type.googleapis.com/google.ai"
                    + ".generativelanguage.v1beta.Content), " + content);
        }
        String role = Json.text(content, "role", where + ".role");
        if (role != null && !role.isEmpty() && !role.equals("user") && !role.equals("model")) {
            throw ApiError.invalid("Please use a valid role: user, model.");
        }
        JsonNode parts = Json.field(content, "parts");
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            throw ApiError.invalid("* GenerateContentRequest." + where + ".parts: contents.parts must not be "
                    + "empty.");
        }
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            if (!part.isObject() || part.isEmpty()) {
                throw ApiError.invalid("* GenerateContentRequest." + where + ".parts[" + i + "].data: required "
                        + "oneof field 'data' must have one initialized field");
            }
            JsonNode text = part.get("text");
            if (text != null && !text.isTextual()) {
                throw ApiError.invalid("Invalid value at '" + where + ".parts[" + i + "].text' (TYPE_STRING), "
                        + text);
            }
        }
    }

    private static void generationConfig(JsonNode config) {
        if (!config.isObject()) {
            throw ApiError.invalid("Invalid value at 'generation_config' (type.googleapis.com/google.ai"
                    + ".generativelanguage.v1beta.GenerationConfig), " + config);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = config.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String camel = camel(field.getKey());
            JsonNode value = field.getValue();
            String where = "generation_config." + Json.snake(camel);
            if (INT_FIELDS.contains(camel) && !isInteger(value)) {
                throw ApiError.invalid("Invalid value at '" + where + "' (TYPE_INT32), " + value);
            }
            if (NUMBER_FIELDS.contains(camel) && !isNumber(value)) {
                throw ApiError.invalid("Invalid value at '" + where + "' (TYPE_FLOAT), " + value);
            }
            if (camel.equals("stopSequences") && (!value.isArray() || !allText(value))) {
                throw ApiError.invalid("Invalid value at '" + where + "' (TYPE_STRING), " + value);
            }
            if (camel.equals("responseMimeType") && !value.isTextual()) {
                throw ApiError.invalid("Invalid value at '" + where + "' (TYPE_STRING), " + value);
            }
        }
        JsonNode max = Json.field(config, "maxOutputTokens");
        if (max != null && max.asLong() < 0) {
            throw ApiError.invalid("* GenerateContentRequest.generation_config.max_output_tokens: must be "
                    + "positive.");
        }
    }

    /** proto3 JSON takes an integer as a number or a numeric string. */
    private static boolean isInteger(JsonNode value) {
        if (value.isIntegralNumber()) {
            return true;
        }
        return value.isTextual() && value.asText().matches("-?\\d{1,18}");
    }

    private static boolean isNumber(JsonNode value) {
        return value.isNumber() || value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String camel(String name) {
        StringBuilder camel = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
