package dev.caravan.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latencies and outcomes of one load scenario. Each client thread records into its own array (no contention on
 * the hot path); the arrays are merged once the scenario is over. Latencies are kept for every request, failures
 * included: a client waits for an error as long as for an answer.
 */
final class LatencyRecorder {

    private final Map<Thread, long[]> samples = new ConcurrentHashMap<>();
    private final Map<Thread, int[]> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    void record(long nanos, String error) {
        Thread thread = Thread.currentThread();
        int[] count = counts.computeIfAbsent(thread, t -> new int[1]);
        long[] own = samples.computeIfAbsent(thread, t -> new long[1024]);
        if (count[0] == own.length) {
            own = Arrays.copyOf(own, own.length * 2);
            samples.put(thread, own);
        }
        own[count[0]++] = nanos;
        if (error != null) {
            errors.computeIfAbsent(error, e -> new AtomicLong()).incrementAndGet();
        }
    }

    /** What one scenario measured, in milliseconds. */
    record Summary(String scenario, long requests, long errors, Map<String, Long> errorsByKind, double seconds,
                   double throughput, double p50, double p90, double p99, double max) {
    }

    Summary summarize(String scenario, double seconds) {
        long[] all = samples.entrySet().stream()
                .flatMapToLong(entry -> Arrays.stream(entry.getValue(), 0, counts.get(entry.getKey())[0]))
                .sorted().toArray();
        Map<String, Long> byKind = new TreeMap<>();
        errors.forEach((kind, count) -> byKind.put(kind, count.get()));
        long failed = byKind.values().stream().mapToLong(Long::longValue).sum();
        return new Summary(scenario, all.length, failed, byKind, seconds, all.length / seconds,
                percentile(all, 50), percentile(all, 90), percentile(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    /** Nearest-rank percentile, in ms. */
    private static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
