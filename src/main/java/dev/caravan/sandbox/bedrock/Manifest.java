package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.wire.Json;

/**
 * {@code manifest.json.out}: the job's record and token totals (provider-apis.md §6.5). Tokens are those of the
 * records that succeeded.
 */
record Manifest(long totalRecordCount, long processedRecordCount, long successRecordCount, long errorRecordCount,
                long inputTokenCount, long outputTokenCount) {

    ObjectNode json() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("totalRecordCount", totalRecordCount);
        node.put("processedRecordCount", processedRecordCount);
        node.put("successRecordCount", successRecordCount);
        node.put("errorRecordCount", errorRecordCount);
        node.put("inputTokenCount", inputTokenCount);
        node.put("outputTokenCount", outputTokenCount);
        return node;
    }
}
