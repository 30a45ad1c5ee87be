package dev.caravan.jsonl;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** Optional fields: a parameter the request did not set is left out, so the target's own default applies. */
public final class OptionalFields {

    private OptionalFields() {
    }

    public static void number(JsonGenerator out, String name, Integer value) throws IOException {
        if (value != null) {
            out.writeNumberField(name, value);
        }
    }

    public static void number(JsonGenerator out, String name, Double value) throws IOException {
        if (value != null) {
            out.writeNumberField(name, value);
        }
    }

    public static void strings(JsonGenerator out, String name, List<String> values) throws IOException {
        if (values != null && !values.isEmpty()) {
            out.writeArrayFieldStart(name);
            for (String value : values) {
                out.writeString(value);
            }
            out.writeEndArray();
        }
    }
}
