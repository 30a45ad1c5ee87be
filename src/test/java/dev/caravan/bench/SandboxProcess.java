package dev.caravan.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * {@link StandaloneSandbox} launched in its own JVM (same classpath as this driver) and the settings it wrote: the
 * emulators' base URLs, keys, S3 endpoint and credentials. Closing it closes the child's stdin and waits for it.
 */
final class SandboxProcess implements AutoCloseable {

    private final Process process;
    private final Properties upstream;

    private SandboxProcess(Process process, Properties upstream) {
        this.process = process;
        this.upstream = upstream;
    }

    static SandboxProcess start(Path workDir) throws Exception {
        Files.createDirectories(workDir);
        Path settings = workDir.resolve("sandbox.properties");
        Files.deleteIfExists(settings);
        Path log = workDir.resolve("sandbox.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                StandaloneSandbox.class.getName(), settings.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ChildProcesses.register(process);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(settings)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("the sandbox emulators did not start - see " + log);
            }
            Thread.sleep(50);
        }
        Properties upstream = new Properties();
        try (Reader reader = Files.newBufferedReader(settings, StandardCharsets.UTF_8)) {
            upstream.load(reader);
        }
        return new SandboxProcess(process, upstream);
    }

    /** One of {@link dev.caravan.sandbox.Sandbox#upstreamProperties()}, e.g. {@code caravan.openai.base-url}. */
    String get(String name) {
        String value = upstream.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("the sandbox wrote no " + name);
        }
        return value;
    }

    Properties upstream() {
        return upstream;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // the process ended before us
        }
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
