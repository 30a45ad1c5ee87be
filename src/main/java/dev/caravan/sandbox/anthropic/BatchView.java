package dev.caravan.sandbox.anthropic;

/**
 * A batch as the API shows it at one moment (provider-apis.md §3.3). Times are epoch milliseconds on the emulator's
 * clock; null ones are not set yet.
 */
record BatchView(String id, ProcessingStatus status, RequestCounts counts, long createdAt, long expiresAt,
                 Long endedAt, Long cancelInitiatedAt, Long archivedAt) {

    boolean ended() {
        return status == ProcessingStatus.ENDED;
    }
}
