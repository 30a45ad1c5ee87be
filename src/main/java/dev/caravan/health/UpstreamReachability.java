package dev.caravan.health;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Probes every configured upstream at once and keeps the answers for a while, so a readiness probe costs at most one
 * round of parallel requests bounded by {@code timeout}, and nothing at all within {@code ttl} of the last one.
 * Reachable means any HTTP answer, whatever its status: a 401 or 404 from an upstream shows the network path works,
 * which is all readiness is about (a wrong key is the caller's 401, not an unready instance).
 */
public final class UpstreamReachability {

    private final Supplier<List<UpstreamTarget>> targets;
    private final Duration timeout;
    private final Duration ttl;
    private final HttpClient http;
    private Map<String, Reachability> last = Map.of();
    private long lastNanos;

    public UpstreamReachability(Supplier<List<UpstreamTarget>> targets, Duration timeout, Duration ttl) {
        this.targets = targets;
        this.timeout = timeout;
        this.ttl = ttl;
        // HTTP/1.1: some upstreams and proxies mishandle h2c upgrades; no redirects: the first answer is enough
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public synchronized Reachability of(String name) {
        long now = System.nanoTime();
        if (last.isEmpty() || now - lastNanos >= ttl.toNanos()) {
            last = probeAll();
            lastNanos = System.nanoTime();
        }
        return last.getOrDefault(name, new Reachability(true, "not configured"));
    }

    private Map<String, Reachability> probeAll() {
        Map<String, CompletableFuture<Reachability>> pending = new LinkedHashMap<>();
        for (UpstreamTarget target : targets.get()) {
            pending.put(target.name(), target.probe() == null
                    ? CompletableFuture.completedFuture(new Reachability(target.healthy(), target.unprobed()))
                    : probe(target));
        }
        Map<String, Reachability> results = new LinkedHashMap<>();
        pending.forEach((name, future) -> results.put(name, future.join()));
        return Map.copyOf(results);
    }

    private CompletableFuture<Reachability> probe(UpstreamTarget target) {
        HttpRequest request = HttpRequest.newBuilder(target.probe()).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> new Reachability(true, target.origin() + " answered " + response.statusCode()))
                .exceptionally(failure -> new Reachability(false, target.origin() + " unreachable: "
                        + describe(failure)))
                // the request timeout covers the answer; this bounds a connect that the OS keeps pending
                .completeOnTimeout(new Reachability(false, target.origin() + " unreachable: no answer within "
                        + timeout.toMillis() + " ms"), timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
