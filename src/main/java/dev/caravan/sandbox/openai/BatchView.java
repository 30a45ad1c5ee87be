package dev.caravan.sandbox.openai;

import java.util.List;
import java.util.Map;

/** A Batch object as observed at one instant (provider-apis.md §2.2); timestamps are unix seconds. */
record BatchView(String id, String endpoint, String model, List<BatchLineError> errors, String inputFileId,
        String completionWindow, BatchStatus status, String outputFileId, String errorFileId, long createdAt,
        Long inProgressAt, long expiresAt, Long finalizingAt, Long completedAt, Long failedAt, Long expiredAt,
        Long cancellingAt, Long cancelledAt, RequestCounts counts, TokenUsage usage, Map<String, String> metadata) {

    record RequestCounts(int total, int completed, int failed) {
    }

    record TokenUsage(long inputTokens, long outputTokens) {
    }
}
