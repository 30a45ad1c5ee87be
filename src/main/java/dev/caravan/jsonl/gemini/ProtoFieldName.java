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

    /**
     * The JSON (lowerCamelCase) name of a field as written, failing when the object also holds the other spelling:
     * which one a proto parser would keep is not ours to guess. Allocates only for snake_case names.
     */
    static String json(JsonNode holder, String name, int lineNumber, String where) {
        int underscore = name.indexOf('_');
        if (underscore < 0) {
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
        String json = camel.toString();
        if (holder.has(json)) {
            throw LineError.at(lineNumber, where + " gives " + json + " twice (also as " + name + ")");
        }
        return json;
    }
}
