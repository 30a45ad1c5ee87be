package dev.caravan.model;

import java.util.List;
import java.util.Map;

/**
 * A batch, whichever provider runs it. Times are unix seconds or null; {@code errors}, {@code usage},
 * {@code metadata} and {@code model} may be null when the provider has none.
 */
public record Batch(String id, String endpoint, String model, String inputFileId, String completionWindow,
                    BatchStatus status, String outputFileId, String errorFileId, long createdAt,
                    Long inProgressAt, Long expiresAt, Long finalizingAt, Long completedAt, Long failedAt,
                    Long expiredAt, Long cancellingAt, Long cancelledAt, RequestCounts requestCounts,
                    List<BatchError> errors, Usage usage, Map<String, String> metadata) {
}
