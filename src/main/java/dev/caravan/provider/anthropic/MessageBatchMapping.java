package dev.caravan.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchStatus;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import dev.caravan.model.RequestCounts;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * An Anthropic MessageBatch (provider-apis.md §3.3) as the canonical batch (DESIGN §5): OpenAI's statuses only, never
 * Anthropic's {@code ended}; request counts folded into OpenAI's three; RFC 3339 times as unix seconds; the batch id
 * and the result files' ids self-routing ({@link AnthropicFileId}).
 */
public final class MessageBatchMapping {

    /** Anthropic batches run Messages requests: on the OpenAI surface they are chat completions. */
    public static final String ENDPOINT = "/v1/chat/completions";
    /** Anthropic ends every batch within 24 hours. */
    public static final String COMPLETION_WINDOW = "24h";

    private MessageBatchMapping() {
    }

    /** {@code inputFileId} is what the caller created the batch from ("" for inline requests, or when unknown). */
    public static Batch batch(JsonNode messageBatch, String inputFileId) {
        String nativeId = messageBatch.path("id").asText("");
        if (nativeId.isEmpty()) {
            throw unexpected("a message batch without an id");
        }
        boolean cancelInitiated = present(messageBatch, "cancel_initiated_at");
        BatchStatus status = status(messageBatch.path("processing_status").asText(""), cancelInitiated);
        JsonNode counts = messageBatch.path("request_counts");
        Long createdAt = seconds(messageBatch, "created_at");
        if (createdAt == null) {
            throw unexpected("message batch " + nativeId + " without created_at");
        }
        Long endedAt = seconds(messageBatch, "ended_at");
        boolean resultsReadable = status.terminal() && present(messageBatch, "results_url")
                && !present(messageBatch, "archived_at");
        String outputFileId = resultsReadable && counts.path("succeeded").asLong(0) > 0
                ? AnthropicFileId.results(nativeId, ResultSelection.SUCCEEDED).id() : null;
        String errorFileId = resultsReadable && failed(counts) > 0
                ? AnthropicFileId.results(nativeId, ResultSelection.FAILED).id() : null;
        return new Batch(CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.ANTHROPIC, nativeId), ENDPOINT, null,
                inputFileId == null ? "" : inputFileId, COMPLETION_WINDOW, status, outputFileId, errorFileId,
                createdAt,
                // an Anthropic batch processes from the moment it is created: there is no validating phase
                createdAt,
                seconds(messageBatch, "expires_at"),
                null,
                status == BatchStatus.COMPLETED ? endedAt : null,
                null,
                null,
                seconds(messageBatch, "cancel_initiated_at"),
                status == BatchStatus.CANCELLED ? endedAt : null,
                counts(counts), null, null, null);
    }

    /**
     * {@code in_progress} is in_progress, {@code canceling} cancelling; {@code ended} is completed, or cancelled when
     * the batch ended because it was cancelled (its {@code cancel_initiated_at} is set).
     */
    public static BatchStatus status(String processingStatus, boolean cancelInitiated) {
        switch (processingStatus) {
            case "in_progress":
                return BatchStatus.IN_PROGRESS;
            case "canceling":
                return BatchStatus.CANCELLING;
            case "ended":
                return cancelInitiated ? BatchStatus.CANCELLED : BatchStatus.COMPLETED;
            default:
                throw unexpected("processing_status '" + processingStatus + "'");
        }
    }

    /**
     * Anthropic counts each request as processing, succeeded, errored, canceled or expired, and the five add up to
     * the batch's requests. OpenAI's completed are the ones that succeeded; its failed, every request that ended
     * without a result (errored, canceled or expired). Requests still processing count in the total only.
     */
    public static RequestCounts counts(JsonNode requestCounts) {
        long succeeded = requestCounts.path("succeeded").asLong(0);
        long failed = failed(requestCounts);
        return new RequestCounts(requestCounts.path("processing").asLong(0) + succeeded + failed, succeeded, failed);
    }

    private static long failed(JsonNode requestCounts) {
        return requestCounts.path("errored").asLong(0) + requestCounts.path("canceled").asLong(0)
                + requestCounts.path("expired").asLong(0);
    }

    /** An RFC 3339 time as unix seconds; null when absent or null. */
    public static Long seconds(JsonNode node, String field) {
        if (!present(node, field)) {
            return null;
        }
        String value = node.get(field).asText();
        try {
            return OffsetDateTime.parse(value).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw unexpected(field + " '" + value + "', which is no RFC 3339 time");
        }
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private static GatewayError unexpected(String what) {
        return GatewayError.of(ErrorKind.UPSTREAM_ERROR, "Anthropic answered " + what + "; Caravan cannot read it.");
    }
}
