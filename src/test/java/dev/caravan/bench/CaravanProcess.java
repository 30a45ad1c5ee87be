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

/**
 * The packaged jar started as a user starts it ({@code java -jar target/caravan.jar --sandbox}), bound to loopback on
 * a free port, for the load test. Extra JVM options come from {@code CARAVAN_LOAD_JAVA_OPTS}; the log goes to a file
 * so 200 clients' worth of output does not slow the measurement.
 */
final class CaravanProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final List<String> jvmOptions;

    private CaravanProcess(Process process, Path log, String baseUrl, List<String> jvmOptions) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.jvmOptions = jvmOptions;
    }

    static CaravanProcess start(Path jar, Path workDir) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn -DskipTests package first");
        }
        Files.createDirectories(workDir);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> options = new ArrayList<>();
        String extra = System.getenv().getOrDefault("CARAVAN_LOAD_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(Arrays.asList(extra.split("\\s+")));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(List.of("-jar", jar.toString(), "--sandbox"));
        Path log = workDir.resolve("caravan.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // loopback only: nothing of the load test is reachable from outside this machine
        builder.environment().put("CARAVAN_HOST", "127.0.0.1");
        builder.environment().put("CARAVAN_PORT", String.valueOf(port));
        builder.environment().put("CARAVAN_UPLOAD_DIR", workDir.resolve("uploads").toString());
        CaravanProcess caravan = new CaravanProcess(builder.start(), log, "http://127.0.0.1:" + port, options);
        caravan.awaitHealthy(Duration.ofSeconds(60));
        return caravan;
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

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Caravan exited at startup - see " + log);
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
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
