package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulator's one JSON mapper, and the reading rules of proto3 JSON that every request body follows: a field may
 * be spelled in lowerCamel or in its proto snake_case name (provider-apis.md §4.1, §5.1), and the camel spelling
 * wins when a body sends both.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The field {@code camel} (or its snake_case spelling) of {@code node}, or null when absent or JSON null. */
    static JsonNode field(JsonNode node, String camel) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(camel);
        if (value == null || value.isNull()) {
            value = node.get(snake(camel));
        }
        return value == null || value.isNull() ? null : value;
    }

    /** A string field, or null when absent; any other JSON type is a 400 naming {@code where}. */
    static String text(JsonNode node, String camel, String where) {
        JsonNode value = field(node, camel);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.invalid("Invalid value at '" + where + "' (TYPE_STRING), " + value);
        }
        return value.asText();
    }

    static String snake(String camel) {
        StringBuilder snake = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
