package dev.caravan.jsonl.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.LineError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Typed reads of modelInput members: a wrong type is a line error naming the member's path. The path comes in two
 * pieces (a constant parent such as {@code "modelInput."} and the member's name) joined only when there is an error,
 * so reading a valid line builds no strings.
 */
final class ModelInputFields {

    private ModelInputFields() {
    }

    static int positiveInt(JsonNode value, int n, String parent, String name) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw LineError.at(n, parent + name + " must be a positive integer");
        }
        return value.asInt();
    }

    static int nonNegativeInt(JsonNode value, int n, String parent, String name) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw LineError.at(n, parent + name + " must be a non-negative integer");
        }
        return value.asInt();
    }

    static double number(JsonNode value, int n, String parent, String name) {
        if (!value.isNumber()) {
            throw LineError.at(n, parent + name + " must be a number");
        }
        return value.asDouble();
    }

    static String text(JsonNode value, int n, String parent, String name) {
        if (value == null || !value.isTextual()) {
            throw LineError.at(n, parent + name + " must be a string");
        }
        return value.asText();
    }

    static List<String> strings(JsonNode value, int n, String parent, String name) {
        if (!value.isArray()) {
            throw LineError.at(n, parent + name + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw LineError.at(n, parent + name + " must be an array of strings");
            }
            strings.add(item.asText());
        }
        return strings;
    }

    static JsonNode nonEmptyArray(JsonNode value, int n, String path) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw LineError.at(n, path + " must be a non-empty array");
        }
        return value;
    }

    static JsonNode object(JsonNode value, int n, String path) {
        if (value == null || !value.isObject()) {
            throw LineError.at(n, path + " must be a JSON object");
        }
        return value;
    }

    /**
     * Members other than the known ones (cache_control, citations, guardContent…) change what the request does, and
     * the canonical form has no place for them: refused rather than dropped.
     */
    static void onlyFields(JsonNode node, int n, String path, String... known) {
        object(node, n, path);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!contains(known, name)) {
                throw LineError.at(n, path + "." + name + " has no equivalent outside this Bedrock model family");
            }
        }
    }

    /** True when the node is an object holding exactly the given members (the cheap check of a valid line). */
    static boolean hasExactly(JsonNode node, String first, String second) {
        return node.isObject() && node.size() == 2 && node.has(first) && node.has(second);
    }

    private static boolean contains(String[] names, String name) {
        for (String candidate : names) {
            if (candidate.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
