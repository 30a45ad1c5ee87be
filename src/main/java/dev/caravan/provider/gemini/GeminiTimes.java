package dev.caravan.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Gemini's timestamps: RFC 3339 strings in proto3 JSON ({@code Z}, 0 to 9 fraction digits), read as unix seconds. */
final class GeminiTimes {

    private GeminiTimes() {
    }

    /** The field's time in unix seconds; null when absent or null. */
    static Long seconds(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText()).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw GeminiUpstreamErrors.unexpected(field + " '" + value.asText() + "', which is no RFC 3339 time");
        }
    }
}
