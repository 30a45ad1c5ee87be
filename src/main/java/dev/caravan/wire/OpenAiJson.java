package dev.caravan.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchError;
import dev.caravan.model.BatchPage;
import dev.caravan.model.BatchStatus;
import dev.caravan.model.FileDeleted;
import dev.caravan.model.FileObject;
import dev.caravan.model.FilePage;
import dev.caravan.model.RequestCounts;
import dev.caravan.model.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * OpenAI's Files and Batch objects on the wire (provider-apis.md §1.2, §1.3, §2.2), both directions: the OpenAI
 * surface writes them for callers and the OpenAI provider reads them from the upstream.
 */
public final class OpenAiJson {

    private OpenAiJson() {
    }

    public static ObjectNode file(FileObject file) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", file.id());
        node.put("object", "file");
        node.put("bytes", file.bytes());
        node.put("created_at", file.createdAt());
        putNullable(node, "expires_at", file.expiresAt());
        node.put("filename", file.filename());
        node.put("purpose", file.purpose());
        node.put("status", file.status() == null ? "processed" : file.status());
        node.putNull("status_details");
        return node;
    }

    public static FileObject readFile(JsonNode node) {
        return new FileObject(text(node, "id"), node.path("bytes").asLong(), node.path("created_at").asLong(),
                longOrNull(node, "expires_at"), text(node, "filename"), text(node, "purpose"), text(node, "status"));
    }

    public static ObjectNode filePage(FilePage page) {
        return list(page.data(), page.hasMore(), OpenAiJson::file, FileObject::id);
    }

    public static FilePage readFilePage(JsonNode node) {
        List<FileObject> files = new ArrayList<>();
        node.path("data").forEach(item -> files.add(readFile(item)));
        return new FilePage(files, node.path("has_more").asBoolean(false));
    }

    public static ObjectNode fileDeleted(FileDeleted deleted) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", deleted.id());
        node.put("object", "file");
        node.put("deleted", deleted.deleted());
        return node;
    }

    public static FileDeleted readFileDeleted(JsonNode node) {
        return new FileDeleted(text(node, "id"), node.path("deleted").asBoolean());
    }

    public static ObjectNode batch(Batch batch) {
        ObjectNode node = Json.MAPPER.createObjectNode();
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
            batch.errors().forEach(e -> {
                ObjectNode error = data.addObject();
                error.put("code", e.code());
                error.put("message", e.message());
                error.put("param", e.param());
                putNullable(error, "line", e.line() == null ? null : e.line().longValue());
            });
        }
        node.put("input_file_id", batch.inputFileId());
        node.put("completion_window", batch.completionWindow());
        node.put("status", batch.status().wireName());
        node.put("output_file_id", batch.outputFileId());
        node.put("error_file_id", batch.errorFileId());
        node.put("created_at", batch.createdAt());
        putNullable(node, "in_progress_at", batch.inProgressAt());
        putNullable(node, "expires_at", batch.expiresAt());
        putNullable(node, "finalizing_at", batch.finalizingAt());
        putNullable(node, "completed_at", batch.completedAt());
        putNullable(node, "failed_at", batch.failedAt());
        putNullable(node, "expired_at", batch.expiredAt());
        putNullable(node, "cancelling_at", batch.cancellingAt());
        putNullable(node, "cancelled_at", batch.cancelledAt());
        ObjectNode counts = node.putObject("request_counts");
        RequestCounts rc = batch.requestCounts() == null ? new RequestCounts(0, 0, 0) : batch.requestCounts();
        counts.put("total", rc.total());
        counts.put("completed", rc.completed());
        counts.put("failed", rc.failed());
        if (batch.usage() != null) {
            ObjectNode usage = node.putObject("usage");
            usage.put("input_tokens", batch.usage().inputTokens());
            usage.putObject("input_tokens_details").put("cached_tokens", batch.usage().cachedTokens());
            usage.put("output_tokens", batch.usage().outputTokens());
            usage.putObject("output_tokens_details").put("reasoning_tokens", batch.usage().reasoningTokens());
            usage.put("total_tokens", batch.usage().totalTokens());
        }
        if (batch.metadata() == null) {
            node.putNull("metadata");
        } else {
            ObjectNode metadata = node.putObject("metadata");
            batch.metadata().forEach(metadata::put);
        }
        return node;
    }

    public static Batch readBatch(JsonNode node) {
        List<BatchError> errors = null;
        if (node.path("errors").isObject()) {
            errors = new ArrayList<>();
            for (JsonNode e : node.path("errors").path("data")) {
                errors.add(new BatchError(text(e, "code"), text(e, "message"), text(e, "param"),
                        e.path("line").isNumber() ? e.path("line").asInt() : null));
            }
        }
        JsonNode rc = node.path("request_counts");
        Usage usage = null;
        JsonNode u = node.path("usage");
        if (u.isObject()) {
            usage = new Usage(u.path("input_tokens").asLong(), u.path("input_tokens_details").path("cached_tokens").asLong(),
                    u.path("output_tokens").asLong(), u.path("output_tokens_details").path("reasoning_tokens").asLong(),
                    u.path("total_tokens").asLong());
        }
        Map<String, String> metadata = null;
        if (node.path("metadata").isObject()) {
            metadata = new LinkedHashMap<>();
            for (var entry : node.path("metadata").properties()) {
                metadata.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return new Batch(text(node, "id"), text(node, "endpoint"), text(node, "model"), text(node, "input_file_id"),
                text(node, "completion_window"), BatchStatus.fromWire(node.path("status").asText()),
                text(node, "output_file_id"), text(node, "error_file_id"), node.path("created_at").asLong(),
                longOrNull(node, "in_progress_at"), longOrNull(node, "expires_at"), longOrNull(node, "finalizing_at"),
                longOrNull(node, "completed_at"), longOrNull(node, "failed_at"), longOrNull(node, "expired_at"),
                longOrNull(node, "cancelling_at"), longOrNull(node, "cancelled_at"),
                new RequestCounts(rc.path("total").asLong(), rc.path("completed").asLong(), rc.path("failed").asLong()),
                errors, usage, metadata);
    }

    public static ObjectNode batchPage(BatchPage page) {
        return list(page.data(), page.hasMore(), OpenAiJson::batch, Batch::id);
    }

    public static BatchPage readBatchPage(JsonNode node) {
        List<Batch> batches = new ArrayList<>();
        node.path("data").forEach(item -> batches.add(readBatch(item)));
        return new BatchPage(batches, node.path("has_more").asBoolean(false));
    }

    /** {@code {"error":{message,type,param,code}}}: all four keys, always (provider-apis.md §1.4). */
    public static ObjectNode error(String message, String type, String param, String code) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ObjectNode error = node.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return node;
    }

    private static <T> ObjectNode list(List<T> items, boolean hasMore, Function<T, ObjectNode> writer,
                                       Function<T, String> id) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("object", "list");
        ArrayNode data = node.putArray("data");
        items.forEach(item -> data.add(writer.apply(item)));
        node.put("first_id", items.isEmpty() ? null : id.apply(items.get(0)));
        node.put("last_id", items.isEmpty() ? null : id.apply(items.get(items.size() - 1)));
        node.put("has_more", hasMore);
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    private static void putNullable(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
