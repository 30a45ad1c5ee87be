package dev.caravan.sandbox.anthropic;

import java.time.Duration;
import java.util.regex.Pattern;

/** The Message Batches API's limits (provider-apis.md §3.2 "Request limits"). */
final class BatchLimits {

    static final int MAX_REQUESTS = 100_000;
    /**
     * "256 MB" for the whole create body. UNCONFIRMED whether MB means 10^6 or 2^20 bytes; the larger reading is
     * taken, so that no body the real API takes is refused here.
     */
    static final long MAX_BODY_BYTES = 256L * 1024 * 1024;
    static final Pattern CUSTOM_ID = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    /** A batch ends within 24 h of its creation; what has not been processed by then expires. */
    static final Duration EXPIRY = Duration.ofHours(24);
    /** Results stay available for 29 days after creation; then the batch is archived. */
    static final Duration RETENTION = Duration.ofDays(29);
    static final int DEFAULT_LIST_LIMIT = 20;
    static final int MAX_LIST_LIMIT = 1000;

    private BatchLimits() {
    }
}
