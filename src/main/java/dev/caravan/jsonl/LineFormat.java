package dev.caravan.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.GatewayError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The batch request-line formats Caravan accepts (DESIGN §4), recognised by their shape and id field. */
public enum LineFormat {
    OPENAI("OpenAI batch line {custom_id, method, url, body}", "custom_id") {
        @Override
        boolean matches(JsonNode line) {
            return line.has("custom_id") && line.has("body");
        }
    },
    ANTHROPIC("Anthropic {custom_id, params}", "custom_id") {
        @Override
        boolean matches(JsonNode line) {
            return line.has("custom_id") && line.has("params");
        }
    },
    BEDROCK("Bedrock {recordId, modelInput}", "recordId") {
        @Override
        boolean matches(JsonNode line) {
            return line.has("recordId") && line.has("modelInput");
        }
    },
    GEMINI("Gemini {key, request}", "key") {
        @Override
        boolean matches(JsonNode line) {
            return line.has("key") && line.has("request");
        }
    },
    GEMINI_METADATA("Gemini {request, metadata:{key}}", "metadata.key") {
        @Override
        boolean matches(JsonNode line) {
            return line.has("request") && line.path("metadata").has("key");
        }

        @Override
        JsonNode idNode(JsonNode line) {
            return line.path("metadata").get("key");
        }
    };

    private final String description;
    private final String idField;

    LineFormat(String description, String idField) {
        this.description = description;
        this.idField = idField;
    }

    abstract boolean matches(JsonNode line);

    JsonNode idNode(JsonNode line) {
        return line.get(idField);
    }

    public String description() {
        return description;
    }

    public String idField() {
        return idField;
    }

    public static Optional<LineFormat> detect(JsonNode line) {
        return Arrays.stream(values()).filter(format -> format.matches(line)).findFirst();
    }

    /** The format of a batch file's first request line (a validator has checked that every line has it). */
    public static LineFormat ofFile(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonlLines lines = new JsonlLines(in)) {
            JsonlLines.Line first = lines.next();
            if (first == null) {
                throw GatewayError.invalid("file", "The batch input file has no requests.");
            }
            return detect(first.json()).orElseThrow(() -> GatewayError.invalid("file",
                    "line " + first.number() + ": unrecognised batch line; expected one of: " + allDescriptions()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String allDescriptions() {
        return String.join("; ", Arrays.stream(values()).map(LineFormat::description).toList());
    }
}
