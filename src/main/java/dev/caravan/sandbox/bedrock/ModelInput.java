package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a modelInput body with JSON-schema style errors ({@code #/max_tokens: expected type: Integer,
 * found: String}), the form Bedrock's model schemas report them in. Pointers are JSON pointers from the body's root.
 */
final class ModelInput {

    private ModelInput() {
    }

    static String requiredString(JsonNode parent, String key, String pointer) {
        String value = string(parent, key, pointer);
        if (value == null) {
            throw ModelInputException.requiredKey(pointer, key);
        }
        return value;
    }

    static String string(JsonNode parent, String key, String pointer) {
        JsonNode value = parent.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw ModelInputException.wrongType(child(pointer, key), "String", typeName(value));
        }
        return value.asText();
    }

    /** An integer of at least {@code min}, or null when absent. */
    static Integer integer(JsonNode parent, String key, String pointer, int min) {
        JsonNode value = parent.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ModelInputException.wrongType(child(pointer, key), "Integer", typeName(value));
        }
        if (value.asInt() < min) {
            throw ModelInputException.malformed(child(pointer, key) + ": " + value.asInt()
                    + " is not greater or equal to " + min);
        }
        return value.asInt();
    }

    static JsonNode object(JsonNode parent, String key, String pointer) {
        JsonNode value = parent.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw ModelInputException.wrongType(child(pointer, key), "JSONObject", typeName(value));
        }
        return value;
    }

    static JsonNode requiredArray(JsonNode parent, String key, String pointer) {
        JsonNode value = array(parent, key, pointer);
        if (value == null) {
            throw ModelInputException.requiredKey(pointer, key);
        }
        return value;
    }

    static JsonNode array(JsonNode parent, String key, String pointer) {
        JsonNode value = parent.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw ModelInputException.wrongType(child(pointer, key), "JSONArray", typeName(value));
        }
        return value;
    }

    static List<String> strings(JsonNode parent, String key, String pointer) {
        JsonNode values = array(parent, key, pointer);
        List<String> strings = new ArrayList<>();
        if (values == null) {
            return strings;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isTextual()) {
                throw ModelInputException.wrongType(child(pointer, key) + "/" + i, "String",
                        typeName(values.get(i)));
            }
            strings.add(values.get(i).asText());
        }
        return strings;
    }

    static String child(String pointer, String key) {
        return pointer + "/" + key;
    }

    /** The type names of the everit JSON-schema messages Bedrock returns. */
    static String typeName(JsonNode value) {
        if (value.isTextual()) {
            return "String";
        }
        if (value.isIntegralNumber()) {
            return "Integer";
        }
        if (value.isNumber()) {
            return "BigDecimal";
        }
        if (value.isBoolean()) {
            return "Boolean";
        }
        if (value.isArray()) {
            return "JSONArray";
        }
        if (value.isObject()) {
            return "JSONObject";
        }
        return "Null";
    }
}
