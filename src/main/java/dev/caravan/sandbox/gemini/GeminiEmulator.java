package dev.caravan.sandbox.gemini;

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
 * An in-process stand-in for the Gemini Developer API's Files and Batch APIs (provider-apis.md §4, §5) at the real
 * paths, with the real headers, limits and error envelope, so that the official SDK pointed at {@link #baseUrl()}
 * behaves as against {@code generativelanguage.googleapis.com}: resumable, simple and multipart uploads, files
 * get/list/delete and download of generated files; batches from an uploaded file or inline requests, answered
 * deterministically ("Sandbox reply to: ...") after a PENDING and a RUNNING phase, results as the generated file
 * {@code files/batch-{id}} or inline responses; cancel, delete, 48 h expiry of files and batches.
 *
 * <p>Runs on its own Vert.x instance. Everything it writes lives in one directory of its own under
 * {@code dataDir/gemini-emulator/}, removed again by {@link #close()}.
 */
public final class GeminiEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeminiEmulator.class);
    private static final int WORKERS = 4;

    private final GeminiEmulatorSettings settings;
    private final FaultInjector faults = new FaultInjector();

    private Vertx vertx;
    private HttpServer server;
    private Path root;
    private Uploads uploads;
    /** Set once listening; read without the lock by request handlers (file URIs) while close() holds it. */
    private volatile String baseUrl;

    public GeminiEmulator(GeminiEmulatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Binds {@code host:port} (0 = any free port) and returns once the server is listening. */
    public synchronized GeminiEmulator start(String host, int port) {
        if (vertx != null) {
            throw new IllegalStateException("already started");
        }
        try {
            byte[] run = new byte[6];
            new SecureRandom().nextBytes(run);
            root = Files.createDirectories(settings.dataDir().resolve("gemini-emulator")
                    .resolve("run-" + HexFormat.of().formatHex(run)));
            vertx = Vertx.vertx();
            WorkerExecutor worker = vertx.createSharedWorkerExecutor("gemini-emulator-" + root.getFileName(),
                    WORKERS, 30, TimeUnit.MINUTES);
            FileStore files = new FileStore(root.resolve("files"), settings.clock());
            BodySink sink = new BodySink(vertx);
            uploads = new Uploads(vertx, worker, files, settings.maxFileBytes(), this::baseUrl);
            Batches batches = new Batches(root.resolve("batches"), settings, worker, files, sink);
            server = vertx.createHttpServer()
                    .requestHandler(new HttpApi(faults, new KeyGuard(settings.apiKey()), files, uploads, batches,
                            this::baseUrl))
                    .listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            baseUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.actualPort();
            // a few ticks per phase keep unobserved batches (and so their results) on time
            long phase = settings.phaseDuration().toMillis();
            Uploads sessions = uploads;
            vertx.setPeriodic(Math.max(10, Math.min(200, phase / 4)), id -> {
                batches.tick();
                files.tick();
                sessions.tick();
            });
            LOG.info("Gemini emulator listening on {} ({})", baseUrl, settings);
            return this;
        } catch (Exception e) {
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Gemini emulator could not start on " + host + ":" + port, e);
        }
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.actualPort();
    }

    /**
     * What {@code HttpOptions.builder().baseUrl(...)} takes: scheme, host and port, no path (the API's paths start
     * with {@code /v1beta/} and {@code /upload/v1beta/}).
     */
    public String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("not started");
        }
        return url;
    }

    /**
     * The next {@code count} requests (before authentication, upload chunks included) are answered {@code status}
     * in Google's error envelope with {@code message}: 429 as RESOURCE_EXHAUSTED with a {@code Retry-After} header,
     * 500 as INTERNAL, 503 as UNAVAILABLE. A count of 0 clears pending faults.
     */
    public void injectFaults(int status, String message, int count) {
        faults.inject(status, message, count);
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            EmulatorShutdown.stop(vertx, "Gemini emulator");
            vertx = null;
            server = null;
            baseUrl = null;
        }
        if (uploads != null) {
            uploads.closeAll();
            uploads = null;
        }
        if (root != null) {
            EmulatorShutdown.deleteData(root, "Gemini emulator");
            root = null;
        }
    }

    @Override
    public String toString() {
        String url = baseUrl;
        return "GeminiEmulator[" + (url == null ? "stopped" : url) + "]";
    }
}
