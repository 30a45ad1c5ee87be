package dev.caravan.sandbox.anthropic;

import dev.caravan.sandbox.EmulatorShutdown;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process stand-in for Anthropic's Message Batches API (provider-apis.md §3): create, retrieve, list, cancel,
 * delete and results at the real paths, with the real headers, limits and error envelope, so that the official SDK
 * pointed at {@link #baseUrl()} behaves as against the real service. A batch stays {@code in_progress} for the
 * settings' processing duration, its requests answered deterministically ("Sandbox reply to: ..."), then ends with a
 * results file on disk whose absolute {@code results_url} points back here.
 *
 * <p>Runs on its own Vert.x instance. Everything it writes lives in one directory of its own under
 * {@code dataDir/anthropic-emulator/}, removed again by {@link #close()}.
 */
public final class AnthropicEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnthropicEmulator.class);
    private static final int WORKERS = 4;

    private final AnthropicEmulatorSettings settings;
    private final FaultInjector faults = new FaultInjector();

    private Vertx vertx;
    private HttpServer server;
    private Path root;
    /**
     * Set once listening. Read without the lock: request handlers on the event loop need it for results URLs while
     * {@link #close()}, holding the lock, waits for that event loop to stop.
     */
    private volatile String baseUrl;

    public AnthropicEmulator(AnthropicEmulatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Binds {@code host:port} (0 = any free port) and returns once the server is listening. */
    public synchronized AnthropicEmulator start(String host, int port) {
        if (vertx != null) {
            throw new IllegalStateException("already started");
        }
        try {
            byte[] run = new byte[6];
            new SecureRandom().nextBytes(run);
            root = Files.createDirectories(settings.dataDir().resolve("anthropic-emulator")
                    .resolve("run-" + HexFormat.of().formatHex(run)));
            Path spool = Files.createDirectories(root.resolve("spool"));
            vertx = Vertx.vertx();
            WorkerExecutor worker = vertx.createSharedWorkerExecutor("anthropic-emulator-" + root.getFileName(),
                    WORKERS, 30, TimeUnit.MINUTES);
            long processing = settings.processingDuration().toMillis();
            BatchStore store = new BatchStore(root.resolve("batches"), settings.clock(), processing, worker);
            CreateHandler creates = new CreateHandler(worker, store, new BodySpool(vertx, spool), this::resultsUrl);
            server = vertx.createHttpServer()
                    .requestHandler(new HttpApi(faults, new RequestGuard(settings.apiKey()), store, creates,
                            this::resultsUrl))
                    .listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            baseUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.actualPort();
            // a few ticks per processing time keep unobserved batches (and so their results) on time
            vertx.setPeriodic(Math.max(10, Math.min(100, processing / 4)), id -> store.tick());
            LOG.info("Anthropic emulator listening on {} ({})", baseUrl(), settings);
            return this;
        } catch (Exception e) {
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Anthropic emulator could not start on " + host + ":" + port, e);
        }
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.actualPort();
    }

    /**
     * What {@code AnthropicOkHttpClient.builder().baseUrl(...)} takes: scheme, host and port, no path (the API's
     * paths start with {@code /v1/messages/batches}).
     */
    public String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("not started");
        }
        return url;
    }

    /** A batch's absolute results URL on this emulator, as written into its {@code results_url}. */
    private String resultsUrl(String batchId) {
        return baseUrl() + HttpApi.resultsPath(batchId);
    }

    /**
     * The next {@code count} requests are answered {@code status} in Anthropic's error envelope with
     * {@code message}, before authentication: 429 as {@code rate_limit_error} with a {@code retry-after} header, 529
     * as {@code overloaded_error}, 500 (and other 5xx) as {@code api_error}. A count of 0 clears pending faults.
     */
    public void injectFaults(int status, String message, int count) {
        faults.inject(status, message, count);
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            EmulatorShutdown.stop(vertx, "Anthropic emulator");
            vertx = null;
            server = null;
            baseUrl = null;
        }
        if (root != null) {
            EmulatorShutdown.deleteData(root, "Anthropic emulator");
            root = null;
        }
    }

    @Override
    public String toString() {
        String url = baseUrl;
        return "AnthropicEmulator[" + (url == null ? "stopped" : url) + "]";
    }
}
