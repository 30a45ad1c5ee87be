package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A batch as the API returns it: a long-running Operation named {@code batches/{id}} whose {@code metadata} is the
 * GenerateContentBatch (provider-apis.md §5.2). Proto3 JSON: int64 counts as strings, zero values left out. When the
 * batch has ended, {@code done: true} and either {@code response} (succeeded) or {@code error} (a google.rpc.Status).
 * The output is in both {@code metadata.output} (what the SDKs read) and {@code response} (what the docs' shell
 * samples read).
 *
 * <p>UNCONFIRMED: the {@code v1main} in {@code @type} comes from third-party captures only; an expired batch ends
 * with error code 4 (DEADLINE_EXCEEDED) and a failed one with 13 (INTERNAL); an inline batch echoes its input config
 * as {@code {"requests":{}}}, without the requests themselves (they can be 20 MB).
 */
final class OperationJson {

    static final String BATCH_TYPE = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch";
    static final String OUTPUT_TYPE =
            "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput";

    private OperationJson() {
    }

    static ObjectNode operation(BatchRun run) {
        BatchSpec spec = run.spec();
        ObjectNode operation = Json.object();
        operation.put("name", spec.name());
        ObjectNode metadata = operation.putObject("metadata");
        metadata.put("@type", BATCH_TYPE);
        metadata.put("name", spec.name());
        metadata.put("model", "models/" + spec.model());
        metadata.put("displayName", spec.displayName());
        metadata.set("inputConfig", spec.inputConfig());
        ObjectNode output = run.state() == BatchState.SUCCEEDED ? output(run) : null;
        if (output != null) {
            metadata.set("output", output);
        }
        metadata.put("createTime", Timestamps.format(spec.createMillis()));
        metadata.put("updateTime", Timestamps.format(run.updateMillis()));
        if (run.endMillis() != null) {
            metadata.put("endTime", Timestamps.format(run.endMillis()));
        }
        metadata.set("batchStats", stats(run));
        metadata.put("state", run.state().wire());
        if (spec.priority() != 0) {
            metadata.put("priority", Long.toString(spec.priority()));
        }
        if (!run.state().terminal()) {
            return operation;
        }
        operation.put("done", true);
        if (output != null) {
            ObjectNode response = operation.putObject("response");
            response.put("@type", OUTPUT_TYPE);
            output.fields().forEachRemaining(field -> response.set(field.getKey(), field.getValue()));
        } else {
            ObjectNode error = operation.putObject("error");
            switch (run.state()) {
                case CANCELLED -> {
                    error.put("code", RpcCode.CANCELLED.number());
                    error.put("message", "The batch was cancelled.");
                }
                case EXPIRED -> {
                    error.put("code", RpcCode.DEADLINE_EXCEEDED.number());
                    error.put("message", "The batch expired: it did not finish within 48 hours.");
                }
                default -> {
                    error.put("code", RpcCode.INTERNAL.number());
                    error.put("message", "The batch failed: " + run.failure());
                }
            }
        }
        return operation;
    }

    private static ObjectNode output(BatchRun run) {
        ObjectNode output = Json.object();
        if (!run.spec().inline()) {
            output.put("responsesFile", run.responsesFile());
            return output;
        }
        ArrayNode responses = output.putObject("inlinedResponses").putArray("inlinedResponses");
        try (BufferedReader reader = Files.newBufferedReader(run.written().output(), StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode response = Json.MAPPER.readTree(line);
                responses.add(response);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the inline responses of " + run.spec().name() + " are unreadable", e);
        }
        return output;
    }

    /** Counts as int64 strings, zero counts left out; every request is pending until the batch has ended. */
    private static ObjectNode stats(BatchRun run) {
        ObjectNode stats = Json.object();
        long total = run.spec().total();
        long succeeded = 0;
        long failed = 0;
        long pending = total;
        if (run.state() == BatchState.SUCCEEDED) {
            succeeded = run.written().tally().succeeded();
            failed = run.written().tally().failed();
            pending = 0;
        } else if (run.state().terminal()) {
            pending = 0;
        }
        put(stats, "requestCount", total);
        put(stats, "successfulRequestCount", succeeded);
        put(stats, "failedRequestCount", failed);
        put(stats, "pendingRequestCount", pending);
        return stats;
    }

    private static void put(ObjectNode stats, String field, long value) {
        if (value != 0) {
            stats.put(field, Long.toString(value));
        }
    }
}
