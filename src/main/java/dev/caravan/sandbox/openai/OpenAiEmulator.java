package dev.caravan.sandbox.openai;

import dev.caravan.sandbox.EmulatorShutdown;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process stand-in for OpenAI's Files and Batch APIs, faithful to the wire formats, limits and errors of
 * provider-apis.md §1–2, so that the official SDK pointed at {@link #baseUrl()} behaves as against the real service.
 * Batches run on a clock ({@link OpenAiEmulatorSettings#phaseDuration()} per phase) and answer chat completions and
 * embeddings deterministically.
 *
 * <p>Runs on its own Vert.x instance. Everything it writes lives in one directory of its own under
 * {@code dataDir/openai-emulator/}, removed again by {@link #close()}.
 */
public final class OpenAiEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiEmulator.class);
    private static final long TICK_MILLIS = 100;
    private static final int TICKS_PER_PURGE = 10;

    private final OpenAiEmulatorSettings settings;
    private final FaultInjector faults = new FaultInjector();

    private Vertx vertx;
    private HttpServer server;
    private Path root;
    private String host;

    public OpenAiEmulator(OpenAiEmulatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Binds {@code host:port} (0 = any free port) and returns once the server is listening. */
    public synchronized OpenAiEmulator start(String host, int port) {
        if (vertx != null) {
            throw new IllegalStateException("already started");
        }
        try {
            root = Files.createDirectories(settings.dataDir().resolve("openai-emulator")
                    .resolve(IdGenerator.random("run-", 10)));
            Clock clock = Clock.systemUTC();
            vertx = Vertx.vertx();
            WorkerExecutor worker = vertx.createSharedWorkerExecutor("openai-emulator-" + root.getFileName(), 8, 30,
                    TimeUnit.MINUTES);
            FileStore files = new FileStore(root.resolve("files"), clock);
            BatchStore batches = new BatchStore(root.resolve("batches"), new BatchInputValidator(),
                    new BatchResultWriter(files), worker, clock, settings.phaseDuration().toMillis(),
                    settings.completionWindow().toMillis());
            server = vertx.createHttpServer()
                    .requestHandler(HttpApi.router(vertx, root.resolve("uploads"), faults,
                            new ApiKeyGuard(settings.apiKey()), new FilesHandler(files, worker),
                            new BatchesHandler(files, batches, worker)))
                    .listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            this.host = host;
            AtomicInteger ticks = new AtomicInteger();
            vertx.setPeriodic(TICK_MILLIS, id -> {
                batches.tick();
                if (ticks.incrementAndGet() % TICKS_PER_PURGE == 0 && files.hasExpired()) {
                    worker.executeBlocking(() -> {
                        files.purgeExpired();
                        return null;
                    }, false);
                }
            });
            LOG.info("OpenAI emulator listening on {} ({})", baseUrl(), settings);
            return this;
        } catch (Exception e) {
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("OpenAI emulator could not start on " + host + ":" + port, e);
        }
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.actualPort();
    }

    public synchronized String baseUrl() {
        int port = port();
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port + "/v1";
    }

    /**
     * The next {@code count} requests answer {@code status} in OpenAI's error envelope with {@code message}: 429 as a
     * rate limit ({@code type "requests"}, {@code code "rate_limit_exceeded"}), 5xx as a server error.
     */
    public void injectFaults(int status, String message, int count) {
        faults.inject(status, message, count);
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            EmulatorShutdown.stop(vertx, "OpenAI emulator");
            vertx = null;
            server = null;
        }
        if (root != null) {
            EmulatorShutdown.deleteData(root, "OpenAI emulator");
            root = null;
        }
    }
}
