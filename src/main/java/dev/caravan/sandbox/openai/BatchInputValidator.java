package dev.caravan.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a batch input file the way the real service does while a batch is {@code validating}, streaming it line by
 * line, and dry-runs every request so the run's progress and usage are known up front.
 *
 * <p>The error codes and messages are from memory of real batch failures (UNCONFIRMED); the {@code errors} object's
 * shape and the 1-based line numbers are per the spec (provider-apis.md §2.2).
 */
final class BatchInputValidator {

    /** The real service reports a handful of errors, not one per bad line; 50 keeps a broken file's answer small. */
    static final int MAX_ERRORS = 50;

    ValidationReport validate(Path input, BatchEndpoint endpoint) {
        try {
            return read(input, endpoint);
        } catch (IOException e) {
            return ValidationReport.failed(List.of(new BatchLineError("file_unreadable",
                    "The input file could not be read: " + e.getMessage(), "input_file_id", null)));
        }
    }

    private static ValidationReport read(Path input, BatchEndpoint endpoint) throws IOException {
        long size = Files.size(input);
        if (size > FileLimits.MAX_BATCH_INPUT_BYTES) {
            return ValidationReport.failed(List.of(new BatchLineError("file_too_large", "The input file is " + size
                    + " bytes; batch input files may be at most " + FileLimits.MAX_BATCH_INPUT_BYTES
                    + " bytes (200 MB).", "input_file_id", null)));
        }
        RequestEngine engine = endpoint.engine();
        List<BatchLineError> errors = new ArrayList<>();
        Set<String> customIds = new HashSet<>();
        RequestPlan.Builder plan = new RequestPlan.Builder();
        String model = null;
        int requests = 0;
        long embeddingInputs = 0;
        try (JsonlLineReader reader = new JsonlLineReader(input)) {
            for (JsonlLineReader.Line line = reader.next(); line != null && errors.size() < MAX_ERRORS;
                    line = reader.next()) {
                if (line.blank()) {
                    continue;
                }
                if (++requests > FileLimits.MAX_BATCH_REQUESTS) {
                    errors.add(new BatchLineError("too_many_requests", "The input file contains more than "
                            + FileLimits.MAX_BATCH_REQUESTS + " requests.", null, line.number()));
                    break;
                }
                Checked checked = check(line, endpoint, customIds);
                if (checked.error() != null) {
                    errors.add(checked.error());
                    continue;
                }
                JsonNode body = checked.request().get("body");
                JsonNode lineModel = body.get("model");
                if (lineModel != null && lineModel.isTextual()) {
                    if (model == null) {
                        model = lineModel.asText();
                    } else if (!model.equals(lineModel.asText())) {
                        // The batch guide: "each input file can only include requests to a single model" (from
                        // memory, UNCONFIRMED); the singular Batch.model field agrees.
                        errors.add(new BatchLineError("mismatched_model", "The model '" + lineModel.asText()
                                + "' does not match the model of the first request ('" + model + "'). A batch may "
                                + "only contain requests to a single model.", "body.model", line.number()));
                        continue;
                    }
                }
                embeddingInputs += engine.inputCount(body);
                if (endpoint == BatchEndpoint.EMBEDDINGS && embeddingInputs > FileLimits.MAX_EMBEDDING_INPUTS) {
                    errors.add(new BatchLineError("too_many_embedding_inputs", "Embeddings batches may contain at most "
                            + FileLimits.MAX_EMBEDDING_INPUTS + " inputs in total.", "body.input", line.number()));
                    break;
                }
                plan.add(engine.execute(body, checked.request().get("custom_id").asText(), 0));
            }
        }
        if (errors.isEmpty() && plan.total() == 0) {
            errors.add(new BatchLineError("empty_file", "The input file contains no requests.", "input_file_id",
                    null));
        }
        return errors.isEmpty() ? ValidationReport.passed(plan.build(model)) : ValidationReport.failed(errors);
    }

    private record Checked(JsonNode request, BatchLineError error) {

        static Checked failed(BatchLineError error) {
            return new Checked(null, error);
        }
    }

    /** The parsed request, or the line's first problem; a good line's custom_id is recorded as taken. */
    private static Checked check(JsonlLineReader.Line line, BatchEndpoint endpoint, Set<String> customIds) {
        if (line.tooLong()) {
            return Checked.failed(new BatchLineError("invalid_json_line", "This line is longer than "
                    + JsonlLineReader.MAX_LINE_BYTES + " bytes.", null, line.number()));
        }
        JsonNode request;
        try {
            request = WireFormat.MAPPER.readTree(line.bytes());
        } catch (IOException e) {
            return Checked.failed(new BatchLineError("invalid_json_line", "This line is not parseable as valid JSON.",
                    null, line.number()));
        }
        BatchLineError error = firstProblem(line.number(), request, endpoint, customIds);
        return error == null ? new Checked(request, null) : Checked.failed(error);
    }

    private static BatchLineError firstProblem(int number, JsonNode request, BatchEndpoint endpoint,
            Set<String> customIds) {
        if (!request.isObject()) {
            return new BatchLineError("invalid_json_line", "This line is not a JSON object.", null, number);
        }
        JsonNode customId = request.get("custom_id");
        if (customId == null || customId.isNull()) {
            return missing("custom_id", number);
        }
        if (!customId.isTextual()) {
            return new BatchLineError("invalid_custom_id", "custom_id must be a string.", "custom_id", number);
        }
        JsonNode method = request.get("method");
        if (method == null || method.isNull()) {
            return missing("method", number);
        }
        if (!"POST".equals(method.asText())) {
            return new BatchLineError("invalid_method", "The method '" + method.asText() + "' is not supported; "
                    + "only 'POST' is.", "method", number);
        }
        JsonNode url = request.get("url");
        if (url == null || url.isNull()) {
            return missing("url", number);
        }
        if (!endpoint.path().equals(url.asText())) {
            return BatchEndpoint.of(url.asText()).isPresent()
                    ? new BatchLineError("mismatched_url", "The URL provided for this request does not match the "
                            + "batch endpoint (" + endpoint.path() + ").", "url", number)
                    : new BatchLineError("invalid_url", "The URL '" + url.asText() + "' is not a supported batch "
                            + "endpoint.", "url", number);
        }
        JsonNode body = request.get("body");
        if (body == null || body.isNull()) {
            return missing("body", number);
        }
        if (!body.isObject()) {
            return new BatchLineError("invalid_body", "The request body must be a JSON object.", "body", number);
        }
        if (!customIds.add(customId.asText())) {
            return new BatchLineError("duplicate_custom_id", "The custom_id '" + customId.asText() + "' is used by "
                    + "an earlier request; custom_id values must be unique within a batch.", "custom_id", number);
        }
        return null;
    }

    private static BatchLineError missing(String field, int line) {
        return new BatchLineError("missing_required_parameter", "Missing required parameter: '" + field + "'.", field,
                line);
    }
}
