package dev.caravan.jsonl.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.LineError;

/**
 * Gemini lines are proto3 JSON, whose parsers accept a field by its proto name ({@code generation_config}) as well
 * as its JSON name ({@code generationConfig}); the batch guide's own samples use both (provider-apis.md §5.5).
 */
final class ProtoFieldName {

    private ProtoFieldName() {
    }

    /** The JSON (lowerCamelCase) name of a field as written; allocates only for a snake_case name. */
    static String json(String name) {
        if (name.indexOf('_') < 0) {
            return name;
        }
        StringBuilder camel = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /**
     * For a snake_case name: fails when the object also holds the camelCase spelling, as which one a proto parser
     * would keep is not ours to guess. Called only when {@link #json} changed the name, so that the error path
     * ({@code where}) is built for snake_case lines only.
     */
    static void requireOneSpelling(JsonNode holder, String name, String json, int lineNumber, String where) {
        if (holder.has(json)) {
            throw LineError.at(lineNumber, where + " gives " + json + " twice (also as " + name + ")");
        }
    }
}
