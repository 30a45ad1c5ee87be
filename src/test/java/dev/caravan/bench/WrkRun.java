package dev.caravan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One load point driven by wrk: {@code connections} keep-alive connections each sending the same request for
 * {@code seconds}, on min(2, connections) threads; closed loop (back to back) or paced (each connection thinks
 * {@code thinkMs} on average between its answer and its next request, so the offered rate is fixed). What to send goes
 * to bench/wrk/request.lua in the environment; its done() prints the latency distribution and counts, parsed here
 * into a {@link Point}.
 */
final class WrkRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("bench", "wrk", "request.lua");
    private static final String MARKER = "BENCH_RESULT ";

    /** What to send: a method, an absolute URL, a JSON body for POST (else null) and extra headers. */
    record Request(String method, String url, String body, Map<String, String> headers) {
    }

    /**
     * One measured point. Latencies in milliseconds (from sending a request to its answer; a paced connection's think
     * time is not in them); {@code errors} counts non-2xx/3xx answers and socket errors (connect, read, write,
     * timeout) together: a point with any is not a clean measurement. The CPU the gateway (null for direct) and the
     * emulators' process spent per answered request, in microseconds, over the measured run.
     */
    record Point(int connections, double seconds, long requests, double requestsPerSecond, double p50Ms,
                 double p90Ms, double p99Ms, double maxMs, long non2xx, long socketErrors,
                 Double gatewayCpuMicrosPerRequest, Double emulatorCpuMicrosPerRequest) {

        long errors() {
            return non2xx + socketErrors;
        }

        Point withCpu(ProcessCpu.Cost cost) {
            return new Point(connections, seconds, requests, requestsPerSecond, p50Ms, p90Ms, p99Ms, maxMs, non2xx,
                    socketErrors, cost.gatewayMicrosPer(requests), cost.emulatorMicrosPer(requests));
        }
    }

    private WrkRun() {
    }

    /** Closed loop: every connection sends its next request as soon as the answer to the last one is in. */
    static Point run(Request request, int connections, int seconds, Path log) throws IOException,
            InterruptedException {
        return run(request, connections, seconds, 0, log);
    }

    /** Paced when {@code thinkMs} > 0: each connection waits that long on average before each request. */
    static Point run(Request request, int connections, int seconds, double thinkMs, Path log) throws IOException,
            InterruptedException {
        int threads = Math.min(2, connections);
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--timeout", "10s", "--latency", "-s", SCRIPT.toString(), request.url()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BENCH_METHOD", request.method());
        builder.environment().put("BENCH_DELAY_MS", String.format(java.util.Locale.ROOT, "%.3f", thinkMs));
        builder.environment().put("BENCH_BODY", request.body() == null ? "" : request.body());
        builder.environment().put("BENCH_HEADERS", request.headers().entrySet().stream()
                .map(header -> header.getKey() + ": " + header.getValue()).collect(Collectors.joining("\n")));
        Process wrk = ChildProcesses.register(builder.start());
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
        }
        Files.writeString(log, String.join(" ", command) + "\n" + output + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        String line = output.lines().filter(l -> l.startsWith(MARKER)).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result (exit " + wrk.exitValue()
                        + "):\n" + output));
        JsonNode result = JSON.readTree(line.substring(MARKER.length()));
        double runSeconds = result.get("duration_us").asLong() / 1e6;
        long requests = result.get("requests").asLong();
        return new Point(connections, runSeconds, requests, requests / runSeconds,
                result.get("p50_us").asLong() / 1000.0, result.get("p90_us").asLong() / 1000.0,
                result.get("p99_us").asLong() / 1000.0, result.get("max_us").asLong() / 1000.0,
                result.get("non_2xx_3xx").asLong(),
                result.get("connect_errors").asLong() + result.get("read_errors").asLong()
                        + result.get("write_errors").asLong() + result.get("timeouts").asLong(), null, null);
    }
}
