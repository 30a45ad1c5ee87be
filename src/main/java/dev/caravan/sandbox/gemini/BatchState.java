package dev.caravan.sandbox.gemini;

/**
 * A batch's state, written {@code BATCH_STATE_*} as the REST reference and captured responses do (provider-apis.md
 * §5.4; the SDKs rename them {@code JOB_STATE_*} themselves).
 */
enum BatchState {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    EXPIRED;

    String wire() {
        return "BATCH_STATE_" + name();
    }

    boolean terminal() {
        return this != PENDING && this != RUNNING;
    }
}
