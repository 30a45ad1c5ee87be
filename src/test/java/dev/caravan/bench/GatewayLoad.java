package dev.caravan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Load on the packaged jar in sandbox mode, on loopback: N concurrent clients (200 by default) each send requests
 * back to back for a fixed time (60 s) on (a) batches.retrieve and (b) files.create with a small valid JSONL. Prints
 * requests, errors, throughput and latency percentiles per scenario and writes {@code bench/results/load-<date>.json}.
 * Run it with {@code bench/load-test.sh}; it is not part of {@code mvn verify}.
 *
 * <p>Bounded: clients and duration are capped, every request has a timeout, and Caravan only listens on 127.0.0.1.
 * The clients run on the same machine as Caravan and its emulators, so the figures are for the whole box; they say
 * where Caravan saturates, not what one client would see over a network.
 */
public final class GatewayLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CLIENTS = 1000;
    private static final int MAX_SECONDS = 600;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String BOUNDARY = "caravan-load-boundary";
    private static final String LINE = "{\"custom_id\":\"%s\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}],"
            + "\"max_tokens\":100}}\n";

    private GatewayLoad() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Math.min(MAX_CLIENTS, Math.max(1, intOption(args, "--clients", 200)));
        int seconds = Math.min(MAX_SECONDS, Math.max(1, intOption(args, "--seconds", 60)));
        int warmUp = Math.min(60, Math.max(0, intOption(args, "--warmup", 5)));
        Path jar = Path.of(stringOption(args, "--jar", "target/caravan.jar"));

        try (CaravanProcess caravan = CaravanProcess.start(jar, Path.of("target", "load"))) {
            System.out.printf("Caravan (pid %d) at %s; %d clients, %d s per scenario after a %d s warm-up%n",
                    caravan.pid(), caravan.baseUrl(), clients, seconds, warmUp);
            ExecutorService senders = Executors.newCachedThreadPool();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).executor(senders).build();
            String base = caravan.baseUrl() + "/openai";
            String batchId = createBatch(http, base);
            byte[] upload = uploadBody();

            List<LatencyRecorder.Summary> results = new ArrayList<>();
            results.add(run("batch-retrieve", http, clients, warmUp, seconds,
                    () -> HttpRequest.newBuilder(URI.create(base + "/batches/" + batchId)).timeout(REQUEST_TIMEOUT)
                            .GET().build()));
            results.add(run("file-upload", http, clients, warmUp, seconds,
                    () -> HttpRequest.newBuilder(URI.create(base + "/files")).timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build()));
            senders.shutdownNow();

            boolean alive = caravan.alive();
            long peakRss = caravan.peakRssMb();
            long warnings = caravan.warningsInLog();
            String table = table(results, peakRss, alive, warnings, caravan);
            System.out.print(table);
            Path out = Path.of("bench", "results", "load-" + LocalDate.now() + ".json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, json(results, clients, seconds, warmUp, peakRss, alive, warnings, caravan));
            System.out.println("written to " + out);
        }
    }

    /** One scenario: every client sends back to back; the first {@code warmUp} seconds are not recorded. */
    private static LatencyRecorder.Summary run(String name, HttpClient http, int clients, int warmUp, int seconds,
                                               Supplier<HttpRequest> request) throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmUp);
        long stopAt = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong lastEnd = new AtomicLong(measureFrom);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            pool.execute(() -> {
                try {
                    while (System.nanoTime() < stopAt) {
                        long sent = System.nanoTime();
                        String error = send(http, request.get());
                        long ended = System.nanoTime();
                        if (sent >= measureFrom) {
                            recorder.record(ended - sent, error);
                            lastEnd.accumulateAndGet(ended, Math::max);
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        // every request has a timeout, so the clients end soon after stopAt; the bound is a safety net
        if (!done.await(warmUp + seconds + REQUEST_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
            System.err.println(name + ": clients still running after the deadline");
        }
        pool.shutdownNow();
        double measured = Math.max(1, lastEnd.get() - measureFrom) / 1e9;
        LatencyRecorder.Summary summary = recorder.summarize(name, measured);
        System.out.printf("%s: %d requests, %d errors %s%n", name, summary.requests(), summary.errors(),
                summary.errorsByKind());
        return summary;
    }

    /** Null for a 200; otherwise what went wrong, as a short kind ("HTTP 503", "HttpTimeoutException"). */
    private static String send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
        } catch (HttpTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The batch the retrieve scenario reads: a two-line file, then a batch over it. */
    private static String createBatch(HttpClient http, String base) throws Exception {
        HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create(base + "/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(uploadBody())).build(),
                HttpResponse.BodyHandlers.ofString());
        String fileId = idOf(file);
        HttpResponse<String> batch = http.send(HttpRequest.newBuilder(URI.create(base + "/batches"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input_file_id\":\"" + fileId
                        + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return idOf(batch);
    }

    private static String idOf(HttpResponse<String> response) throws IOException {
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !json.path("id").isTextual()) {
            throw new IllegalStateException("setup failed: " + response.statusCode() + " " + response.body());
        }
        return json.path("id").asText();
    }

    /** A small valid batch file as files.create sends it (purpose=batch, so the validator runs every time). */
    private static byte[] uploadBody() {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"load.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + LINE.formatted("req-1") + LINE.formatted("req-2")
                + "\r\n--" + BOUNDARY + "--\r\n";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String table(List<LatencyRecorder.Summary> results, long peakRss, boolean alive, long warnings,
                                CaravanProcess caravan) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n%-15s %9s %7s %9s %8s %8s %8s %8s%n", "scenario", "requests", "errors", "req/s", "p50 ms",
                "p90 ms", "p99 ms", "max ms"));
        for (LatencyRecorder.Summary r : results) {
            table.append(String.format(Locale.ROOT, "%-15s %9d %7d %9.1f %8.1f %8.1f %8.1f %8.1f%n", r.scenario(),
                    r.requests(), r.errors(), r.throughput(), r.p50(), r.p90(), r.p99(), r.max()));
            r.errorsByKind().forEach((kind, count) -> table.append(String.format(Locale.ROOT, "    %-24s %d%n",
                    kind, count)));
        }
        table.append(String.format(Locale.ROOT, "Caravan: peak RSS %d MB, alive after the run: %s, WARN/ERROR log "
                + "lines: %d (%s), JVM options: %s%n%s%n", peakRss, alive, warnings, caravan.log(),
                caravan.jvmOptions().isEmpty() ? "default" : caravan.jvmOptions(), machine()));
        return table.toString();
    }

    private static String json(List<LatencyRecorder.Summary> results, int clients, int seconds, int warmUp,
                               long peakRss, boolean alive, long warnings, CaravanProcess caravan) {
        var root = JSON.createObjectNode();
        root.put("date", LocalDate.now().toString());
        root.put("machine", machine());
        root.put("clients", clients);
        root.put("secondsPerScenario", seconds);
        root.put("warmUpSeconds", warmUp);
        root.put("caravanJvmOptions", String.join(" ", caravan.jvmOptions()));
        root.put("caravanPeakRssMb", peakRss);
        root.put("caravanAliveAfterRun", alive);
        root.put("caravanWarnOrErrorLogLines", warnings);
        var array = root.putArray("results");
        for (LatencyRecorder.Summary r : results) {
            var node = array.addObject();
            node.put("scenario", r.scenario());
            node.put("requests", r.requests());
            node.put("errors", r.errors());
            var kinds = node.putObject("errorsByKind");
            for (Map.Entry<String, Long> kind : r.errorsByKind().entrySet()) {
                kinds.put(kind.getKey(), kind.getValue());
            }
            node.put("measuredSeconds", round(r.seconds()));
            node.put("requestsPerSecond", round(r.throughput()));
            node.put("p50Ms", round(r.p50()));
            node.put("p90Ms", round(r.p90()));
            node.put("p99Ms", round(r.p99()));
            node.put("maxMs", round(r.max()));
        }
        return root.toString() + "\n";
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return String.format(Locale.ROOT, "%s, %d cores, Java %s (%s), %s %s", host,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    private static int intOption(String[] args, String name, int fallback) {
        String value = stringOption(args, name, null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static String stringOption(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
