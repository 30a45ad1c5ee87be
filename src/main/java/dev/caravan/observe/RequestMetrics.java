package dev.caravan.observe;

import dev.caravan.jsonl.ConvertedBytes;
import dev.caravan.model.Operation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Caravan's own Prometheus series, from each finished request (names as Prometheus shows them):
 * <ul>
 *   <li>{@code caravan_requests_seconds_count/_sum/_bucket{surface,provider,operation,status}}: requests and their
 *       latency to the end of the response, with fixed buckets (a few per series, not a percentile histogram's ~70);
 *   <li>{@code caravan_upstream_errors_total{surface,provider,operation,kind}}: requests that failed upstream
 *       (unreachable, timeout, an upstream error answer, the circuit breaker open);
 *   <li>{@code caravan_uploaded_bytes_total} / {@code caravan_downloaded_bytes_total{surface,provider,operation}}:
 *       file and object bytes received and sent;
 *   <li>{@code caravan_created_batches_total{surface,provider,status}}: batches and jobs created (2xx answers), by
 *   the status they were created in;
 *   <li>{@code caravan_converted_bytes_total{kind}}: request lines converted for a provider ({@code requests}) and
 *   result lines converted for a caller ({@code results}), process-wide (see {@link ConvertedBytes}).
 * </ul>
 * A request refused before dispatch (wrong key, unknown path) has provider and operation "none".
 */
public final class RequestMetrics {

    private static final Set<Operation> UPLOADS = EnumSet.of(Operation.FILES_UPLOAD, Operation.OBJECT_PUT,
            Operation.PART_UPLOAD);
    private static final Set<Operation> DOWNLOADS = EnumSet.of(Operation.FILES_CONTENT, Operation.OBJECT_GET);
    private static final Set<Operation> CREATES = EnumSet.of(Operation.BATCHES_CREATE, Operation.JOBS_CREATE);
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ConvertedBytes kind : ConvertedBytes.values()) {
            FunctionCounter.builder("caravan.converted.bytes", kind, ConvertedBytes::total)
                    .description("Batch lines written in another format than they came in").baseUnit("bytes")
                    .tag("kind", kind.label()).register(registry);
        }
    }

    public void record(RequestOutcome outcome) {
        RequestRecord record = outcome.record();
        String surface = record.surface();
        String provider = orNone(record.provider());
        String operation = orNone(record.operation());
        Timer.builder("caravan.requests").description("HTTP requests Caravan answered, by surface/provider/operation")
                .tags("surface", surface, "provider", provider, "operation", operation,
                        "status", Integer.toString(outcome.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(outcome.durationNanos(), TimeUnit.NANOSECONDS);
        if (record.upstreamError() != null) {
            Counter.builder("caravan.upstream.errors").description("Requests that failed upstream")
                    .tags("surface", surface, "provider", provider, "operation", operation,
                            "kind", record.upstreamError().toLowerCase(Locale.ROOT))
                    .register(registry).increment();
        }
        Operation op = operation(record.operation());
        if (op == null) {
            return;
        }
        boolean ok = outcome.status() >= 200 && outcome.status() < 300;
        if (ok && UPLOADS.contains(op)) {
            bytes("caravan.uploaded.bytes", "File and object bytes received", surface, provider, operation,
                    outcome.bytesIn());
        }
        if (ok && DOWNLOADS.contains(op)) {
            bytes("caravan.downloaded.bytes", "File and object bytes sent", surface, provider, operation,
                    outcome.bytesOut());
        }
        if (ok && CREATES.contains(op)) {
            // not "batches.created": Prometheus naming drops a _created suffix (OpenMetrics reserves it)
            Counter.builder("caravan.created.batches").description("Batches and jobs created")
                    .tags("surface", surface, "provider", provider, "status", orNone(record.createdStatus()))
                    .register(registry).increment();
        }
    }

    private void bytes(String name, String description, String surface, String provider, String operation,
                       long bytes) {
        Counter.builder(name).description(description).baseUnit("bytes")
                .tags("surface", surface, "provider", provider, "operation", operation)
                .register(registry).increment(bytes);
    }

    private static Operation operation(String routeSuffix) {
        if (routeSuffix == null) {
            return null;
        }
        for (Operation operation : Operation.values()) {
            if (operation.routeSuffix().equals(routeSuffix)) {
                return operation;
            }
        }
        return null;
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
