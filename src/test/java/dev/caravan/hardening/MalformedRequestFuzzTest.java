package dev.caravan.hardening;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import dev.caravan.hardening.RawHttp.Request;
import dev.caravan.hardening.RawHttp.Response;
import dev.caravan.hardening.SurfaceAnswers.Surface;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * 10,000 malformed requests from a fixed seed against one booted Caravan, 24 at a time: no 5xx, no hang (every
 * request has a read timeout), and the heap after a GC no larger than before beyond a generous margin. The run
 * happens once; the no-hang-and-heap test and the no-5xx test (disabled until the defects it finds are fixed) each
 * check their part of it. With the
 * sandbox behind it, nothing upstream can legitimately fail, so every 5xx is Caravan's. The one exception is S3's
 * own 501 NotImplemented for S3 operations Caravan documents as unimplemented (README: "Anything else answers S3's
 * NotImplemented") — real S3 answers the same, and the SDKs do not retry it; those are counted and printed.
 *
 * <p>4xx answers that are not in the surface's error format are counted and printed as well (they do not fail this
 * test: the hostile-input tests pin those down case by case).
 *
 * <p>{@code -Dcaravan.fuzz.requests=N} and {@code -Dcaravan.fuzz.seed=S} change the run.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true"})
class MalformedRequestFuzzTest {

    private static final long SEED = Long.getLong("caravan.fuzz.seed", 0xCA7A_7A9L);
    private static final int REQUESTS = Integer.getInteger("caravan.fuzz.requests", 10_000);
    private static final int WARM_UP = 500;
    private static final int CONCURRENCY = 24;
    /** Longer than any bounded wait in Caravan for a malformed request (the 2 s multipart grace, a few retries). */
    private static final Duration PER_REQUEST = Duration.ofSeconds(20);
    private static final long HEAP_MARGIN_MB = 64;
    private static final int PRINTED = 25;
    /** Every failing request in full (stdout shows one per kind of answer). */
    private static final Path REPORT = Path.of("target", "hardening", "fuzz-failures.txt");

    @BeanInject
    CamelContext context;

    /** One fuzz run per class, shared by the tests below (each checks its own property of it). */
    private static FuzzRun result;

    /** Every request is answered or closed within its timeout, and the heap after a GC is where it was. */
    @Test
    void tenThousandMalformedRequestsNeitherHangNorGrowTheHeap() {
        FuzzRun run = fuzz();
        assertTrue(run.tally.hangs.isEmpty(), run.tally.hangs.size() + " requests got no answer within "
                + PER_REQUEST + "; first: " + run.tally.hangs.stream().limit(5).toList());
        assertTrue(run.heapGrowthMb() < HEAP_MARGIN_MB, "used heap after GC grew by " + run.heapGrowthMb()
                + " MB over " + REQUESTS + " requests");
    }

    /** ... and none gets a 5xx: with the sandbox upstream, every 5xx is Caravan's. */
    @Test
    void tenThousandMalformedRequestsGetNo5xx() {
        FuzzRun run = fuzz();
        assertTrue(run.tally.serverErrors.isEmpty(), run.tally.serverErrors.size() + " requests got a 5xx (all in "
                + REPORT + "); first: " + run.tally.serverErrors.stream().limit(5).toList());
    }

    private synchronized FuzzRun fuzz() {
        if (result == null) {
            result = assertTimeoutPreemptively(Duration.ofSeconds(300), this::runFuzz);
        }
        return result;
    }

    private FuzzRun runFuzz() throws Exception {
        int port = context.hasService(VertxPlatformHttpServer.class).getPort();
        RawHttp http = new RawHttp(port);
        MalformedRequests generator = new MalformedRequests(SEED, port);
        List<Request> warmUp = generator.generate(WARM_UP);
        List<Request> requests = generator.generate(REQUESTS);

        run(http, warmUp, new Tally());
        long heapBefore = usedHeapAfterGc();
        long started = System.nanoTime();
        Tally tally = new Tally();
        run(http, requests, tally);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        long heapAfter = usedHeapAfterGc();

        tally.print(elapsedMs, heapBefore, heapAfter);
        tally.writeAll(REPORT);
        return new FuzzRun(tally, heapBefore, heapAfter);
    }

    private record FuzzRun(Tally tally, long heapBefore, long heapAfter) {

        long heapGrowthMb() {
            return (heapAfter - heapBefore) / (1024 * 1024);
        }
    }

    private static void run(RawHttp http, List<Request> requests, Tally tally) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Request request : requests) {
                futures.add(pool.submit(() -> tally.record(request, send(http, request))));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The response, or a synthetic one: status -1 for a read timeout (a hang), 0 for a connection failure. */
    private static Response send(RawHttp http, Request request) {
        try {
            return http.send(request, PER_REQUEST);
        } catch (SocketTimeoutException e) {
            return new Response(-1, Map.of(), new byte[0], 0, "read timed out");
        } catch (IOException e) {
            return new Response(0, Map.of(), new byte[0], 0, e.toString());
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Counts per outcome, with the requests behind each kind of failure. */
    private static final class Tally {
        final Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        final List<String> hangs = Collections.synchronizedList(new ArrayList<>());
        final List<String> notImplemented = Collections.synchronizedList(new ArrayList<>());
        final List<String> unclean4xx = Collections.synchronizedList(new ArrayList<>());
        final List<String> noAnswer = Collections.synchronizedList(new ArrayList<>());
        final List<String> storeLimits = Collections.synchronizedList(new ArrayList<>());

        void record(Request request, Response response) {
            Surface surface = SurfaceAnswers.surfaceOf(request.target);
            byStatus.computeIfAbsent(surface + " " + response.status(), k -> new AtomicInteger()).incrementAndGet();
            String entry = request.describe() + "\n  -> " + response.summary();
            int status = response.status();
            if (status == -1) {
                hangs.add(entry);
            } else if (status == 0) {
                // a body cut short by our own half-close may well be dropped without an answer
                if (!request.halfCloseAfterBody) {
                    noAnswer.add(entry);
                }
            } else if (status >= 500) {
                if (isS3NotImplemented(surface, response)) {
                    notImplemented.add(entry);
                } else if (isSandboxStoreDroppingADirectoryKeysBytes(surface, request, response)) {
                    storeLimits.add(entry);
                } else {
                    serverErrors.add(entry);
                }
            } else if (status >= 400) {
                String problem = SurfaceAnswers.clean4xxProblem(surface, response, request.method.equals("HEAD"));
                if (problem != null) {
                    unclean4xx.add(entry + "\n  (" + problem + ")");
                }
            }
        }

        /**
         * S3's NotImplemented for an S3 operation Caravan does not serve. A provider that lacks object storage
         * (x-model-provider: openai) is not an unimplemented S3 feature: README promises a 400 for that.
         */
        private static boolean isS3NotImplemented(Surface surface, Response response) {
            if (surface != Surface.S3 || response.status() != 501) {
                return false;
            }
            if (response.bodyBytes() == 0) {
                return true; // HEAD: S3 sends the status alone
            }
            // S3's own answer for what a store does not offer, including a provider without files on this surface
            return "NotImplemented".equals(SurfaceAnswers.s3Code(response));
        }

        /**
         * The sandbox store (S3Proxy's filesystem backend) keeps a key ending in '/' as a directory and drops the
         * bytes written to it; real S3 keeps them. Caravan sees the store's ETag is not the MD5 of what it sent and
         * undoes the write with a 500 InternalError — the right answer to a store that lost data, and one no other
         * request may get.
         */
        private static boolean isSandboxStoreDroppingADirectoryKeysBytes(Surface surface, Request request,
                Response response) {
            String path = request.target.contains("?") ? request.target.substring(0, request.target.indexOf('?'))
                    : request.target;
            return surface == Surface.S3 && response.status() == 500 && path.endsWith("/")
                    && "InternalError".equals(SurfaceAnswers.s3Code(response))
                    && response.summary().contains("ETag shows it received other bytes");
        }

        void print(long elapsedMs, long heapBefore, long heapAfter) {
            System.out.printf("%nFuzz: %d requests (seed %d) in %d ms, %d at a time; heap after GC %d MB -> %d MB%n",
                    REQUESTS, SEED, elapsedMs, CONCURRENCY, heapBefore >> 20, heapAfter >> 20);
            new TreeMap<>(byStatus).forEach((key, count) -> System.out.printf("  %-12s %6d%n", key, count.get()));
            section("5xx", serverErrors);
            section("hangs", hangs);
            section("connection closed without an answer to a complete request", noAnswer);
            section("4xx not in the surface's error format", unclean4xx);
            section("S3 501 NotImplemented (documented, not failures)", notImplemented);
            section("sandbox store dropped the bytes of a key ending in '/' (caught, not failures)", storeLimits);
        }

        void writeAll(Path file) throws IOException {
            StringBuilder all = new StringBuilder();
            for (var section : List.of(Map.entry("5xx", serverErrors), Map.entry("hangs", hangs),
                    Map.entry("no answer", noAnswer), Map.entry("unclean 4xx", unclean4xx))) {
                all.append("=== ").append(section.getKey()).append(": ").append(section.getValue().size())
                        .append(" ===\n");
                synchronized (section.getValue()) {
                    section.getValue().forEach(entry -> all.append(entry).append("\n\n"));
                }
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, all);
            System.out.println("every failing request: " + file);
        }

        /** Entries grouped by their answer (the text after "->"), each group with a count and its first request. */
        private static void section(String title, List<String> entries) {
            System.out.printf("%n--- %s: %d ---%n", title, entries.size());
            Map<String, List<String>> byAnswer = new TreeMap<>();
            synchronized (entries) {
                for (String entry : entries) {
                    byAnswer.computeIfAbsent(signature(entry), k -> new ArrayList<>()).add(entry);
                }
            }
            byAnswer.entrySet().stream().limit(PRINTED).forEach(group -> System.out.printf("[%d x] %s%n%n",
                    group.getValue().size(), group.getValue().get(0)));
        }

        /** The answer without the per-request ids and echoed keys, so equal failures group together. */
        private static String signature(String entry) {
            String answer = entry.substring(entry.indexOf("-> ") + 3);
            return answer.replaceAll("<(Resource|Key|RequestId|HostId)>[^<]*</\\1>", "")
                    .replaceAll("'[^']*'", "'…'")
                    .replaceAll("\\n  \\(.*", "").lines().findFirst().orElse("")
                    .replaceAll("(.{160}).*", "$1");
        }
    }
}
