package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The body of {@code models/{model}:batchGenerateContent} (provider-apis.md §5.1):
 * {@code {"batch":{"displayName","inputConfig":{"fileName"|"requests":{"requests":[InlinedRequest...]}},"priority"?}}}
 * in camel or snake spelling. {@code displayName} is required, and exactly one input. Inline requests are written to
 * {@code inlineRequests}, one per line, as the batch's input.
 *
 * @param fileName the input file's id (after {@code files/}), or null for inline requests
 * @param inline   the number of inline requests written (0 for a file batch)
 */
record CreateBody(String displayName, String fileName, long priority, long inline) {

    static CreateBody parse(Path body, Path inlineRequests) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body.toFile());
        } catch (IOException e) {
            throw ApiError.invalid("Invalid JSON payload received. " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiError.invalid("Invalid JSON payload received. Expected an object.");
        }
        JsonNode batch = Json.field(root, "batch");
        if (batch == null || !batch.isObject()) {
            throw ApiError.invalid("* BatchGenerateContentRequest.batch: batch is required");
        }
        String displayName = Json.text(batch, "displayName", "batch.display_name");
        if (displayName == null || displayName.isBlank()) {
            throw ApiError.invalid("* GenerateContentBatch.display_name: display_name is required");
        }
        long priority = priority(Json.field(batch, "priority"));
        JsonNode input = Json.field(batch, "inputConfig");
        if (input == null || !input.isObject()) {
            throw ApiError.invalid("* GenerateContentBatch.input_config: input_config is required");
        }
        String fileName = Json.text(input, "fileName", "batch.input_config.file_name");
        JsonNode requests = Json.field(input, "requests");
        if ((fileName == null) == (requests == null)) {
            throw ApiError.invalid("* GenerateContentBatch.input_config: exactly one of file_name or requests must "
                    + "be set");
        }
        if (fileName != null) {
            if (!fileName.startsWith("files/") || !Ids.validFileId(fileName.substring("files/".length()))) {
                throw ApiError.invalid("Invalid file name '" + fileName + "': expected files/{id}.");
            }
            return new CreateBody(displayName, fileName.substring("files/".length()), priority, 0);
        }
        JsonNode list = Json.field(requests, "requests");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiError.invalid("* GenerateContentBatch.input_config.requests.requests: at least one request is "
                    + "required");
        }
        long count = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(inlineRequests, StandardCharsets.UTF_8)) {
            for (JsonNode item : list) {
                if (!item.isObject() || Json.field(item, "request") == null) {
                    throw ApiError.invalid("* GenerateContentBatch.input_config.requests.requests[" + count
                            + "].request: request is required");
                }
                ObjectNode line = Json.object();
                line.set("request", Json.field(item, "request"));
                JsonNode metadata = Json.field(item, "metadata");
                if (metadata != null) {
                    line.set("metadata", metadata);
                }
                writer.write(Json.MAPPER.writeValueAsString(line));
                writer.write('\n');
                count++;
            }
        }
        return new CreateBody(displayName, null, priority, count);
    }

    private static long priority(JsonNode value) {
        if (value == null) {
            return 0;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.asText());
        }
        throw ApiError.invalid("Invalid value at 'batch.priority' (TYPE_INT64), " + value);
    }
}
