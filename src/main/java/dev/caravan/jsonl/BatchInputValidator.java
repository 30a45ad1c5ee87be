package dev.caravan.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.UploadFile;
import dev.caravan.wire.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a batch input file before anything is stored upstream (DESIGN §4): one streaming pass, line-numbered
 * errors, one line format throughout, unique request ids, and the size / request-count limits.
 */
public class BatchInputValidator {

    private static final String PARAM = "file";

    private final long maxBytes;
    private final int maxRequests;

    public BatchInputValidator(long maxBytes, int maxRequests) {
        this.maxBytes = maxBytes;
        this.maxRequests = maxRequests;
    }

    public void validate(UploadFile upload) {
        if (upload.bytes() > maxBytes) {
            throw new GatewayError(ErrorKind.TOO_LARGE, 413, "Batch input file is " + upload.bytes()
                    + " bytes; the limit is " + maxBytes + " bytes.", PARAM, "file_too_large", null);
        }
        try (BufferedReader reader = Files.newBufferedReader(upload.content(), StandardCharsets.UTF_8)) {
            check(reader);
        } catch (CharacterCodingException e) {
            throw GatewayError.invalid(PARAM, "The batch input file is not valid UTF-8.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void check(BufferedReader reader) throws IOException {
        Map<String, Integer> firstSeen = new HashMap<>();
        LineFormat format = null;
        int formatLine = 0;
        int lineNumber = 0;
        String text;
        while ((text = reader.readLine()) != null) {
            lineNumber++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode line = parse(text, lineNumber);
            if (format == null) {
                formatLine = lineNumber;
                format = LineFormat.detect(line).orElse(null);
                if (format == null) {
                    throw error(lineNumber, "unrecognised batch line; expected one of: "
                            + LineFormat.allDescriptions());
                }
            } else if (!format.matches(line)) {
                throw error(lineNumber, "expected the file's line format, " + format.description()
                        + " (set by line " + formatLine + ")");
            }
            JsonNode id = format.idNode(line);
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                throw error(lineNumber, format.idField() + " must be a non-empty string");
            }
            Integer previous = firstSeen.putIfAbsent(id.asText(), lineNumber);
            if (previous != null) {
                throw error(lineNumber, format.idField() + " \"" + id.asText() + "\" is not unique (first on line "
                        + previous + ")");
            }
            if (firstSeen.size() > maxRequests) {
                throw error(lineNumber, "the file has more than " + maxRequests + " requests, the limit");
            }
        }
        if (format == null) {
            throw GatewayError.invalid(PARAM, "The batch input file has no requests.");
        }
    }

    private static JsonNode parse(String text, int lineNumber) {
        try {
            JsonNode line = Json.MAPPER.readTree(text);
            if (!line.isObject()) {
                throw error(lineNumber, "expected a JSON object");
            }
            return line;
        } catch (JsonProcessingException e) {
            throw error(lineNumber, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static GatewayError error(int lineNumber, String problem) {
        return GatewayError.invalid(PARAM, "line " + lineNumber + ": " + problem);
    }
}
