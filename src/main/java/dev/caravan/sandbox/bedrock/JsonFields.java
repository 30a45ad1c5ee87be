package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of request members. A member of the wrong JSON type is a SerializationException, as AWS's rest-json
 * services answer it (the body cannot be read into the operation's shape at all); a missing or null member is null.
 */
final class JsonFields {

    private JsonFields() {
    }

    static String string(JsonNode parent, String name, String path) {
        JsonNode value = parent == null ? null : parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(path, "a string", value);
        }
        return value.asText();
    }

    static Long integer(JsonNode parent, String name, String path) {
        JsonNode value = parent == null ? null : parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(path, "an integer", value);
        }
        return value.asLong();
    }

    static JsonNode object(JsonNode parent, String name, String path) {
        JsonNode value = parent == null ? null : parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(path, "a structure", value);
        }
        return value;
    }

    static List<JsonNode> list(JsonNode parent, String name, String path) {
        JsonNode value = parent == null ? null : parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(path, "a list", value);
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    static List<String> strings(JsonNode parent, String name, String path) {
        List<JsonNode> items = list(parent, name, path);
        if (items == null) {
            return null;
        }
        List<String> values = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                throw wrongType(path + ".member", "a string", item);
            }
            values.add(item.asText());
        }
        return values;
    }

    private static ServiceError wrongType(String path, String expected, JsonNode got) {
        return ServiceError.serialization("Cannot read '" + path + "': expected " + expected + ", found "
                + got.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
    }
}
