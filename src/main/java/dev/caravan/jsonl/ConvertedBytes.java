package dev.caravan.jsonl;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes of lines Caravan has written in another format than they came in, since the process started: batch request
 * lines converted for a provider, and result lines converted for a caller. Lines passed through in their own format
 * are not counted. Process-wide, like the JVM's own meters, because conversion runs far from any request (often
 * while a response streams out) and one process runs one Caravan; the metrics read it as a counter.
 */
public enum ConvertedBytes {
    REQUESTS, RESULTS;

    private final LongAdder total = new LongAdder();

    void add(long bytes) {
        total.add(bytes);
    }

    public long total() {
        return total.sum();
    }

    /** requests or results, as the metric's label shows it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
