package dev.caravan.jsonl.bedrock;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** Optional fields: a parameter the request did not set is left out, so the model's own default applies. */
final class JsonFields {

    private JsonFields() {
    }

    static void number(JsonGenerator out, String name, Integer value) throws IOException {
        if (value != null) {
            out.writeNumberField(name, value);
        }
    }

    static void number(JsonGenerator out, String name, Double value) throws IOException {
        if (value != null) {
            out.writeNumberField(name, value);
        }
    }

    static void strings(JsonGenerator out, String name, List<String> values) throws IOException {
        if (values != null && !values.isEmpty()) {
            out.writeArrayFieldStart(name);
            for (String value : values) {
                out.writeString(value);
            }
            out.writeEndArray();
        }
    }
}
