package dev.caravan.sandbox.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/** The JSON shapes of OpenAI's File, Batch and list objects (provider-apis.md §1.2, §1.3, §2.2). */
final class WireFormat {

    /** Trailing tokens fail: "{...} junk" is not a valid JSONL line nor a valid request body. */
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

    static ObjectNode file(StoredFile file) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", file.id());
        node.put("object", "file");
        node.put("bytes", file.bytes());
        node.put("created_at", file.createdAt());
        node.put("expires_at", file.expiresAt());
        node.put("filename", file.filename());
        node.put("purpose", file.purpose());
        // Deprecated but still in the schema's required list.
        node.put("status", "processed");
        node.putNull("status_details");
        return node;
    }

    static ObjectNode fileList(CursorPage<StoredFile> page) {
        return list(page, WireFormat::file, StoredFile::id);
    }

    static ObjectNode fileDeleted(String id) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", id);
        node.put("object", "file");
        node.put("deleted", true);
        return node;
    }

    static ObjectNode batch(BatchView batch) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", batch.id());
        node.put("object", "batch");
        node.put("endpoint", batch.endpoint());
        node.put("model", batch.model());
        if (batch.errors() == null) {
            node.putNull("errors");
        } else {
            ObjectNode errors = node.putObject("errors");
            errors.put("object", "list");
            ArrayNode data = errors.putArray("data");
            for (BatchLineError error : batch.errors()) {
                ObjectNode item = data.addObject();
                item.put("code", error.code());
                item.put("message", error.message());
                item.put("param", error.param());
                item.put("line", error.line());
            }
        }
        node.put("input_file_id", batch.inputFileId());
        node.put("completion_window", batch.completionWindow());
        node.put("status", batch.status().wireName());
        node.put("output_file_id", batch.outputFileId());
        node.put("error_file_id", batch.errorFileId());
        node.put("created_at", batch.createdAt());
        node.put("in_progress_at", batch.inProgressAt());
        node.put("expires_at", batch.expiresAt());
        node.put("finalizing_at", batch.finalizingAt());
        node.put("completed_at", batch.completedAt());
        node.put("failed_at", batch.failedAt());
        node.put("expired_at", batch.expiredAt());
        node.put("cancelling_at", batch.cancellingAt());
        node.put("cancelled_at", batch.cancelledAt());
        ObjectNode counts = node.putObject("request_counts");
        counts.put("total", batch.counts().total());
        counts.put("completed", batch.counts().completed());
        counts.put("failed", batch.counts().failed());
        ObjectNode usage = node.putObject("usage");
        usage.put("input_tokens", batch.usage().inputTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", batch.usage().outputTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", batch.usage().inputTokens() + batch.usage().outputTokens());
        if (batch.metadata() == null) {
            node.putNull("metadata");
        } else {
            ObjectNode metadata = node.putObject("metadata");
            batch.metadata().forEach(metadata::put);
        }
        return node;
    }

    static ObjectNode batchList(CursorPage<BatchView> page) {
        return list(page, WireFormat::batch, BatchView::id);
    }

    /** All five keys always present; first_id/last_id are null on an empty page. */
    private static <T> ObjectNode list(CursorPage<T> page, Function<T, ObjectNode> render, Function<T, String> id) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("object", "list");
        ArrayNode data = node.putArray("data");
        page.data().forEach(item -> data.add(render.apply(item)));
        List<T> items = page.data();
        node.put("first_id", items.isEmpty() ? null : id.apply(items.get(0)));
        node.put("last_id", items.isEmpty() ? null : id.apply(items.get(items.size() - 1)));
        node.put("has_more", page.hasMore());
        return node;
    }
}
