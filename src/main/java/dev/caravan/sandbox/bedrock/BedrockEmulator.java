package dev.caravan.sandbox.bedrock;

import dev.caravan.sandbox.EmulatorShutdown;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * An in-process stand-in for the AWS Bedrock batch-inference control plane (provider-apis.md §6): Create, Get, List
 * and Stop of model-invocation jobs over rest-json with SigV4, at the real paths, so that the AWS SDK's
 * {@code BedrockClient} pointed at {@link #baseUrl()} behaves as against the real service. Jobs read their input from
 * S3 and write their results there, as real Bedrock reads and writes the customer's bucket; they run through
 * Submitted, Validating, Scheduled and InProgress on the settings' clock, one phase each, and the records are answered
 * deterministically by a sandbox model of each family.
 *
 * <p>Runs on its own Vert.x instance; slow S3 work runs on a worker pool.
 */
public final class BedrockEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BedrockEmulator.class);
    private static final int WORKERS = 4;

    private final BedrockEmulatorSettings settings;

    private Vertx vertx;
    private HttpServer server;
    private S3Client s3;
    private String host;

    public BedrockEmulator(BedrockEmulatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Binds {@code host:port} (0 = any free port) and returns once the server is listening. */
    public synchronized BedrockEmulator start(String host, int port) {
        if (vertx != null) {
            throw new IllegalStateException("already started");
        }
        try {
            s3 = s3Client(settings.s3());
            vertx = Vertx.vertx();
            WorkerExecutor worker = vertx.createSharedWorkerExecutor("bedrock-emulator-" + System.identityHashCode(this),
                    WORKERS, 30, TimeUnit.MINUTES);
            long phase = settings.phaseDuration().toMillis();
            JobStore jobs = new JobStore(settings.region(), settings.accountId(), settings.clock(), phase,
                    settings.maxConcurrentJobs(), new InputValidator(s3, settings.quotas()), new ResultWriter(s3),
                    worker);
            // Signatures are checked against the wall clock, whatever clock the jobs run on: clients sign with theirs,
            // and a test that moves the jobs' clock a day ahead still has its requests signed now.
            RequestAuthenticator authenticator = new RequestAuthenticator(settings.accessKey(), settings.secretKey(),
                    settings.region(), Clock.systemUTC());
            server = vertx.createHttpServer(new HttpServerOptions().setHandle100ContinueAutomatically(true))
                    .requestHandler(new HttpApi(authenticator, jobs, settings.region(), settings.accountId()))
                    .listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            this.host = host;
            // a few ticks per phase keep unobserved jobs (and so their results) on time
            vertx.setPeriodic(Math.max(10, Math.min(100, phase / 4)), id -> jobs.tick());
            LOG.info("Bedrock emulator listening on {} ({})", baseUrl(), settings);
            return this;
        } catch (Exception e) {
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Bedrock emulator could not start on " + host + ":" + port, e);
        }
    }

    /**
     * Path-style, as real Bedrock addresses the customer's bucket through the S3 API. Checksums only where S3
     * requires them: what the emulator writes needs no aws-chunked framing, whatever store is behind.
     */
    private static S3Client s3Client(BedrockEmulatorSettings.S3Access access) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(access.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(access.accessKey(), access.secretKey())))
                .forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (access.endpoint() != null) {
            builder.endpointOverride(access.endpoint());
        }
        return builder.build();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.actualPort();
    }

    /** The endpoint for {@code BedrockClient.builder().endpointOverride(...)}: the real paths, no prefix. */
    public synchronized String baseUrl() {
        int port = port();
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port;
    }

    public String region() {
        return settings.region();
    }

    public String accountId() {
        return settings.accountId();
    }

    public String accessKey() {
        return settings.accessKey();
    }

    public String secretKey() {
        return settings.secretKey();
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            EmulatorShutdown.stop(vertx, "Bedrock emulator");
            vertx = null;
            server = null;
        }
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }

    @Override
    public String toString() {
        return "BedrockEmulator[" + (server == null ? "stopped" : baseUrl()) + "]";
    }
}
