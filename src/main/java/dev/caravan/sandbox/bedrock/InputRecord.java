package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One record of an input file, {@code {"recordId": "…", "modelInput": {…}}} (provider-apis.md §6.5): what Validating
 * checks of it is the JSONL format, not the model's schema. recordId is optional.
 *
 * @param recordId null when the line has none (the service then adds one in the output)
 */
record InputRecord(long lineNumber, String recordId, JsonNode modelInput) {

    /** Trailing tokens fail: "{...} junk" is no JSON line. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A line that is not a record; the message says why, without the line number. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static InputRecord parse(JsonlLines.Line line) throws Invalid {
        JsonNode json;
        try {
            json = STRICT.readTree(line.text());
        } catch (JsonProcessingException e) {
            throw new Invalid("is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new Invalid("is not a JSON object");
        }
        JsonNode input = json.get("modelInput");
        if (input == null || input.isNull()) {
            throw new Invalid("has no modelInput");
        }
        if (!input.isObject()) {
            throw new Invalid("has a modelInput that is not a JSON object");
        }
        JsonNode id = json.get("recordId");
        if (id != null && !id.isNull() && (!id.isTextual() || id.asText().isEmpty())) {
            throw new Invalid("has a recordId that is not a non-empty string");
        }
        return new InputRecord(line.number(), id == null || id.isNull() ? null : id.asText(), input);
    }

    /** The record's id, or the 11-character one the service adds for a record without one. */
    String recordIdIn(String jobId, S3Uri file) {
        return recordId != null ? recordId : Ids.recordId(jobId, file.key(), lineNumber);
    }
}
