package dev.caravan.sandbox.anthropic;

/** A MessageBatch's {@code processing_status} (provider-apis.md §3.3). */
enum ProcessingStatus {
    IN_PROGRESS("in_progress"),
    CANCELING("canceling"),
    ENDED("ended");

    private final String wireName;

    ProcessingStatus(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
