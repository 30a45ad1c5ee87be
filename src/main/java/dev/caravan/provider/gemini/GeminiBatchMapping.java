package dev.caravan.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchError;
import dev.caravan.model.BatchStatus;
import dev.caravan.model.RequestCounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Gemini batch, as the Operation that create, get and list answer (provider-apis.md §5.2), mapped onto the
 * canonical batch (DESIGN §5): OpenAI's statuses only, from {@code metadata.state} in either spelling
 * ({@code BATCH_STATE_*} on the wire, {@code JOB_STATE_*} in the SDK and the guide); {@code batchStats} (int64
 * strings, zero values left out) as OpenAI's counts; RFC 3339 times as unix seconds; the display name as
 * {@code metadata.job_name}; every id self-routing.
 */
public final class GeminiBatchMapping {

    /** Gemini file batches run generateContent requests: on the OpenAI surface they are chat completions. */
    public static final String ENDPOINT = "/v1/chat/completions";
    /** Gemini's target turnaround is 24 hours. */
    public static final String COMPLETION_WINDOW = "24h";
    /** The metadata key carrying a batch's display name: Caravan's name for a job name (the bedrock surface's). */
    public static final String JOB_NAME = "job_name";
    /** "A batch pending or running for more than 48 hours expires" (the Batch API guide). */
    static final Duration EXPIRY = Duration.ofHours(48);

    private GeminiBatchMapping() {
    }

    /**
     * @param operation      the Operation (or, leniently, the bare GenerateContentBatch) Gemini answered
     * @param cancellingSince unix seconds of a cancel just accepted, or null: a batch still running right after
     *                        Caravan asked Gemini to cancel it is {@code cancelling}, not {@code in_progress}
     */
    public static Batch batch(JsonNode operation, Long cancellingSince) {
        JsonNode batch = operation.path("metadata").isObject() ? operation.get("metadata") : operation;
        String name = operation.path("name").asText(batch.path("name").asText(""));
        GeminiBatchId id = GeminiBatchId.fromUpstream(name);
        BatchStatus status = status(batch.path("state").asText(""), cancellingSince != null);
        Long createdAt = GeminiTimes.seconds(batch, "createTime");
        if (createdAt == null) {
            throw GeminiUpstreamErrors.unexpected("batch " + name + " without createTime");
        }
        Long endedAt = GeminiTimes.seconds(batch, "endTime");
        if (endedAt == null && status.terminal()) {
            endedAt = GeminiTimes.seconds(batch, "updateTime");
        }
        JsonNode stats = batch.path("batchStats");
        RequestCounts counts = counts(stats);
        boolean results = status.terminal() && responsesFile(operation) != null;
        String displayName = batch.path("displayName").asText("");
        return new Batch(id.id(), ENDPOINT, model(batch), inputFileId(batch), COMPLETION_WINDOW, status,
                results && counts.completed() > 0 ? new GeminiFileId.Results(id, ResultSelection.SUCCEEDED).id() : null,
                results && counts.failed() > 0 ? new GeminiFileId.Results(id, ResultSelection.FAILED).id() : null,
                createdAt,
                // Gemini records no start time; a batch's running is only seen in its state
                null,
                createdAt + EXPIRY.toSeconds(),
                null,
                status == BatchStatus.COMPLETED ? endedAt : null,
                status == BatchStatus.FAILED ? endedAt : null,
                status == BatchStatus.EXPIRED ? endedAt : null,
                status == BatchStatus.CANCELLING ? cancellingSince : null,
                status == BatchStatus.CANCELLED ? endedAt : null,
                counts, errors(operation, status), null,
                displayName.isEmpty() ? null : Map.of(JOB_NAME, displayName));
    }

    /**
     * {@code PENDING} ("the service is preparing to run it") is {@code validating}, OpenAI's phase before a batch
     * runs; {@code RUNNING} is {@code in_progress}; the ends map one to one. Either of the first two right after a
     * cancel was accepted is {@code cancelling}. Both spellings are read; an unknown state is Gemini's news to
     * Caravan, not something to guess at.
     */
    public static BatchStatus status(String state, boolean cancelAccepted) {
        String bare = state.startsWith("BATCH_STATE_") ? state.substring("BATCH_STATE_".length())
                : state.startsWith("JOB_STATE_") ? state.substring("JOB_STATE_".length()) : state;
        switch (bare) {
            // UNSPECIFIED (or, in proto3 JSON, no state at all): nothing has happened to the batch yet
            case "":
            case "UNSPECIFIED":
            case "PENDING":
                return cancelAccepted ? BatchStatus.CANCELLING : BatchStatus.VALIDATING;
            case "RUNNING":
                return cancelAccepted ? BatchStatus.CANCELLING : BatchStatus.IN_PROGRESS;
            case "SUCCEEDED":
                return BatchStatus.COMPLETED;
            case "FAILED":
                return BatchStatus.FAILED;
            case "CANCELLED":
                return BatchStatus.CANCELLED;
            case "EXPIRED":
                return BatchStatus.EXPIRED;
            default:
                throw GeminiUpstreamErrors.unexpected("the batch state '" + state + "'");
        }
    }

    /**
     * {@code requestCount} is the total, {@code successfulRequestCount} OpenAI's completed and
     * {@code failedRequestCount} its failed; pending requests count in the total only. Each is an int64 string, and
     * a zero one is left out.
     */
    public static RequestCounts counts(JsonNode batchStats) {
        return new RequestCounts(batchStats.path("requestCount").asLong(0),
                batchStats.path("successfulRequestCount").asLong(0), batchStats.path("failedRequestCount").asLong(0));
    }

    /**
     * Where the batch's responses are: {@code metadata.output.responsesFile}, which the SDK reads, or
     * {@code response.responsesFile}, which the guide's shell samples read (provider-apis.md §5.2); null until
     * there are any.
     */
    public static String responsesFile(JsonNode operation) {
        JsonNode batch = operation.path("metadata").isObject() ? operation.get("metadata") : operation;
        for (JsonNode file : List.of(batch.path("output").path("responsesFile"),
                operation.path("response").path("responsesFile"))) {
            if (file.isTextual() && !file.asText().isEmpty()) {
                return file.asText();
            }
        }
        return null;
    }

    /** The model the batch runs, as callers name it: {@code models/gemini-2.5-flash} is {@code gemini-2.5-flash}. */
    public static String model(JsonNode batch) {
        String model = batch.path("model").asText("");
        if (model.isEmpty()) {
            return null;
        }
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    /** The Caravan id of the file the batch reads, "" for inline requests (as OpenAI has no file then). */
    private static String inputFileId(JsonNode batch) {
        JsonNode input = batch.path("inputConfig");
        String fileName = input.path("fileName").asText(input.path("file_name").asText(""));
        return GeminiFileId.Uploaded.NAME.matcher(fileName).matches()
                ? new GeminiFileId.Uploaded(fileName).id() : "";
    }

    /** A failed batch's reason: the Operation's {@code error}, a google.rpc.Status. */
    private static List<BatchError> errors(JsonNode operation, BatchStatus status) {
        JsonNode error = operation.path("error");
        if (status != BatchStatus.FAILED || !error.isObject()) {
            return null;
        }
        String code = error.path("status").asText("");
        return List.of(new BatchError(code.isEmpty() ? "batch_failed" : code,
                error.path("message").asText("Gemini failed the batch."), null, null));
    }
}
