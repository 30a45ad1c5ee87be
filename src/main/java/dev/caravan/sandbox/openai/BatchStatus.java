package dev.caravan.sandbox.openai;

import java.util.Locale;

/** provider-apis.md §2.3. */
enum BatchStatus {
    VALIDATING, FAILED, IN_PROGRESS, FINALIZING, COMPLETED, EXPIRED, CANCELLING, CANCELLED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean terminal() {
        return this == FAILED || this == COMPLETED || this == EXPIRED || this == CANCELLED;
    }
}
