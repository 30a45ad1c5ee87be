package dev.caravan.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Portkey AI gateway (npm {@code @portkey-ai/gateway}, installed by bench/compare.sh into bench/portkey), run
 * with node on a free loopback port. Two preloaded scripts: loopback-only.cjs binds its server to 127.0.0.1 (it would
 * listen on every interface), aws-to-sandbox.cjs sends its hard-coded AWS URLs to the sandbox's S3 store and Bedrock
 * emulator (re-signed); see their comments. {@code awsEnvironment} gives that script the emulators' endpoints and
 * credentials.
 */
final class PortkeyProcess implements AutoCloseable {

    static final Path HOME = Path.of("bench", "portkey");
    private static final Path SERVER = HOME.resolve("node_modules/@portkey-ai/gateway/build/start-server.js");

    private final Process process;
    private final int port;
    private final Duration startedIn;

    private PortkeyProcess(Process process, int port, Duration startedIn) {
        this.process = process;
        this.port = port;
        this.startedIn = startedIn;
    }

    static PortkeyProcess start(Path workDir, Map<String, String> awsEnvironment) throws Exception {
        if (!Files.isRegularFile(SERVER)) {
            throw new IllegalStateException(SERVER + " is missing: run npm ci --prefix " + HOME);
        }
        Files.createDirectories(workDir);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = List.of("node",
                "--require", HOME.resolve("loopback-only.cjs").toAbsolutePath().toString(),
                "--require", HOME.resolve("aws-to-sandbox.cjs").toAbsolutePath().toString(),
                SERVER.toString(), "--port=" + port, "--headless");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("portkey.log").toFile());
        builder.environment().putAll(awsEnvironment);
        long spawned = System.nanoTime();
        Process process = ChildProcesses.register(builder.start());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!accepts(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("Portkey did not start - see " + workDir.resolve("portkey.log"));
            }
            Thread.sleep(20);
        }
        return new PortkeyProcess(process, port, Duration.ofNanos(System.nanoTime() - spawned));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Duration startedIn() {
        return startedIn;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
