package dev.caravan.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The packaged jar started as a user starts it, bound to loopback on a free port: with {@code --sandbox} for the load
 * test (extra JVM options from {@code CARAVAN_LOAD_JAVA_OPTS}), or pointed at emulators in another process for the
 * gateway comparison. The log goes to a file so 200 clients' worth of output does not slow the measurement.
 */
final class CaravanProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final List<String> jvmOptions;

    private final long spawnedNanos;
    private Duration startedIn;

    private CaravanProcess(Process process, Path log, String baseUrl, List<String> jvmOptions, long spawnedNanos) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.jvmOptions = jvmOptions;
        this.spawnedNanos = spawnedNanos;
    }

    static CaravanProcess start(Path jar, Path workDir) throws Exception {
        CaravanProcess caravan = launch(jar, workDir, javaOptions("CARAVAN_LOAD_JAVA_OPTS"), List.of("--sandbox"),
                Map.of());
        caravan.awaitHealthy("/health", Duration.ofSeconds(60), Duration.ofMillis(200));
        return caravan;
    }

    /**
     * The jar started without {@code --sandbox}, its upstream settings given as system properties (which override
     * application.properties' {{env:...}} values), for {@link GatewayComparison}. Returns once
     * {@code /observe/health/ready} answers 200; {@link #startedIn()} says how long that took from the spawn.
     */
    static CaravanProcess startAgainst(Path jar, Path workDir, List<String> jvmOptions, Map<String, String> settings)
            throws Exception {
        CaravanProcess caravan = launch(jar, workDir, jvmOptions, List.of(), settings);
        caravan.awaitHealthy("/observe/health/ready", Duration.ofSeconds(60), Duration.ofMillis(20));
        return caravan;
    }

    /** The JVM options in the environment variable {@code name}, split at whitespace; none when it is unset. */
    static List<String> javaOptions(String name) {
        String extra = System.getenv().getOrDefault(name, "").trim();
        return extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+"));
    }

    private static CaravanProcess launch(Path jar, Path workDir, List<String> options, List<String> args,
                                         Map<String, String> settings) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn -DskipTests package first");
        }
        Files.createDirectories(workDir);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-XX:+ExitOnOutOfMemoryError");
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        Path log = workDir.resolve("caravan.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // loopback only: nothing of the load test is reachable from outside this machine
        builder.environment().put("CARAVAN_HOST", "127.0.0.1");
        builder.environment().put("CARAVAN_PORT", String.valueOf(port));
        builder.environment().put("CARAVAN_UPLOAD_DIR", workDir.resolve("uploads").toString());
        // as deploy/kubernetes runs it
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        long spawned = System.nanoTime();
        Process process = ChildProcesses.register(builder.start());
        return new CaravanProcess(process, log, "http://127.0.0.1:" + port, options, spawned);
    }

    /** From the spawn to the first 200 of the health check waited for. */
    Duration startedIn() {
        return startedIn;
    }

    String baseUrl() {
        return baseUrl;
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Peak resident set size so far (VmHWM), in MB; -1 where /proc is not available. */
    long peakRssMb() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElse(-1L);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Log lines at WARN or ERROR, for the report (a load test that makes Caravan log errors is news). */
    long warningsInLog() throws IOException {
        try (var lines = Files.lines(log)) {
            // the SANDBOX MODE banner is a WARN by design; anything else at that level is news
            return lines.filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                    .filter(line -> !line.contains("SANDBOX MODE")).count();
        }
    }

    Path log() {
        return log;
    }

    private void awaitHealthy(String path, Duration timeout, Duration poll) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Caravan exited at startup - see " + log);
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    startedIn = Duration.ofNanos(System.nanoTime() - spawnedNanos);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(poll.toMillis());
        }
        close();
        throw new IllegalStateException("Caravan did not become healthy within " + timeout + " - see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
