package dev.caravan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packaged jar started as a user starts it ({@code java -jar target/caravan.jar --sandbox}), but with a 256 MB
 * heap, for the large-transfer tests. It samples the heap in use (jstat) while it runs, so a report can give the
 * peak heap next to the peak RSS.
 */
public final class SmallHeapCaravan implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final AtomicLong peakHeapKb = new AtomicLong();
    private final Process heapSampler;

    private SmallHeapCaravan(Process process, Path log, String baseUrl) throws IOException {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.heapSampler = new ProcessBuilder(jdkTool("jstat"), "-gc", String.valueOf(process.pid()), "250")
                .redirectErrorStream(true).start();
        Thread sampler = new Thread(this::samplePeakHeap, "jstat-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    public static SmallHeapCaravan start(Path workDir) throws Exception {
        Files.createDirectories(workDir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = workDir.resolve("caravan.log");
        ProcessBuilder builder = new ProcessBuilder(jdkTool("java"), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-jar", "target/caravan.jar", "--sandbox")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CARAVAN_PORT", String.valueOf(port));
        builder.environment().put("CARAVAN_HOST", "127.0.0.1");
        SmallHeapCaravan caravan = new SmallHeapCaravan(builder.start(), log, "http://127.0.0.1:" + port);
        caravan.awaitHealthy(Duration.ofSeconds(60));
        return caravan;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Fails if the JVM died or logged an OutOfMemoryError. */
    public void assertAlive() throws IOException {
        assertTrue(process.isAlive(), "Caravan died (OutOfMemoryError?) - see " + log);
        assertFalse(Files.readString(log).contains("OutOfMemoryError"), "OutOfMemoryError in Caravan's log");
    }

    /** Peak RSS (VmHWM) of the process so far. */
    public String peakRss() throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "status")).lines()
                .filter(line -> line.startsWith("VmHWM")).findFirst().orElse("VmHWM: ?").trim();
    }

    /** Highest heap in use (young + old) seen by the 250 ms jstat sampling. */
    public String peakHeap() {
        return String.format(Locale.ROOT, "%.1f MB", peakHeapKb.get() / 1024.0);
    }

    public String heapInfo() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(jdkTool("jcmd"), String.valueOf(process.pid()), "GC.heap_info")
                .redirectErrorStream(true).start();
        String heap = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return heap;
    }

    private void samplePeakHeap() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(heapSampler.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String header = lines.readLine();
            if (header == null) {
                return;
            }
            String[] names = header.trim().split("\\s+");
            String line;
            while ((line = lines.readLine()) != null) {
                String[] values = line.trim().split("\\s+");
                if (values.length != names.length) {
                    continue;
                }
                double usedKb = 0;
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equals("S0U") || names[i].equals("S1U") || names[i].equals("EU")
                            || names[i].equals("OU")) {
                        usedKb += Double.parseDouble(values[i]);
                    }
                }
                long sample = (long) usedKb;
                peakHeapKb.accumulateAndGet(sample, Math::max);
            }
        } catch (IOException | NumberFormatException ended) {
            // the JVM under test has exited
        }
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(process.isAlive(), "Caravan exited at startup - see " + log);
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Caravan did not become healthy within " + timeout);
    }

    private static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    @Override
    public void close() throws InterruptedException {
        heapSampler.destroy();
        process.destroy();
        process.waitFor();
    }
}
