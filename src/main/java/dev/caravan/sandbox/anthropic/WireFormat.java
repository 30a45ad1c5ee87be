package dev.caravan.sandbox.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/** The JSON shapes of the Message Batches API (provider-apis.md §3.2, §3.3, §3.5). */
final class WireFormat {

    /** Trailing tokens fail: "{...} junk" is not a valid request body. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WireFormat() {
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every key always present, the unset times and {@code results_url} as null.
     *
     * @param resultsUrl where the results are, already absolute; rendered only once the batch has ended
     */
    static ObjectNode batch(BatchView batch, String resultsUrl) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", batch.id());
        node.put("type", "message_batch");
        node.put("processing_status", batch.status().wireName());
        ObjectNode counts = node.putObject("request_counts");
        counts.put("processing", batch.counts().processing());
        counts.put("succeeded", batch.counts().succeeded());
        counts.put("errored", batch.counts().errored());
        counts.put("canceled", batch.counts().canceled());
        counts.put("expired", batch.counts().expired());
        node.put("created_at", Timestamps.format(batch.createdAt()));
        node.put("expires_at", Timestamps.format(batch.expiresAt()));
        time(node, "ended_at", batch.endedAt());
        time(node, "cancel_initiated_at", batch.cancelInitiatedAt());
        time(node, "archived_at", batch.archivedAt());
        node.put("results_url", batch.ended() ? resultsUrl : null);
        return node;
    }

    /** {@code first_id}/{@code last_id} are the first and last batch of the page, null on an empty page. */
    static ObjectNode list(ListPage page, Function<BatchView, String> resultsUrl) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode data = node.putArray("data");
        page.data().forEach(batch -> data.add(batch(batch, resultsUrl.apply(batch))));
        List<BatchView> items = page.data();
        node.put("has_more", page.hasMore());
        node.put("first_id", items.isEmpty() ? null : items.get(0).id());
        node.put("last_id", items.isEmpty() ? null : items.get(items.size() - 1).id());
        return node;
    }

    static ObjectNode deleted(String id) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", id);
        node.put("type", "message_batch_deleted");
        return node;
    }

    /**
     * The ErrorResponse {@code {"type":"error","error":{"type","message"},"request_id"}}: the body of every error
     * answer, and the {@code error} of an errored result.
     */
    static ObjectNode error(ErrorType type, String message, String requestId) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", "error");
        ObjectNode error = node.putObject("error");
        error.put("type", type.wireName());
        error.put("message", message);
        node.put("request_id", requestId);
        return node;
    }

    private static void time(ObjectNode node, String name, Long epochMillis) {
        node.put(name, epochMillis == null ? null : Timestamps.format(epochMillis));
    }
}
