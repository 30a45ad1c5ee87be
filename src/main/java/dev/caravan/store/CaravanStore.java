package dev.caravan.store;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.sandbox.s3.EmbeddedS3Store;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Caravan's own object store: one S3 bucket ({@link StoreSettings}) holding the files Caravan keeps for providers
 * that have no file storage of their own (Anthropic's batch inputs). With no endpoint configured Caravan runs an
 * embedded S3 store ({@link EmbeddedS3Store}, files on local disk), so the feature works out of the box; with an
 * endpoint it uses that S3 or S3-compatible service, whose bucket must exist.
 *
 * <p>Nothing starts before the first call: most Caravan instances never hold a file, and an embedded store (a web
 * server and a data directory) or an S3 client that nobody uses is only cost. Bytes stream both ways: a write reads
 * the caller's spooled upload from disk, a read hands back the store's response stream.
 */
public final class CaravanStore extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CaravanStore.class);
    private static final String SHARED = "caravanStore";
    private static final int MAX_KEYS_PER_CALL = 1000;

    private final StoreSettings settings;
    private EmbeddedS3Store embedded;
    private SdkHttpClient http;
    private S3Client s3;

    public CaravanStore(StoreSettings settings) {
        this.settings = settings;
    }

    /** The one store of a Camel context, registered (not yet started) on first ask. */
    public static CaravanStore shared(CamelContext context) {
        synchronized (context) {
            CaravanStore store = context.getRegistry().lookupByNameAndType(SHARED, CaravanStore.class);
            if (store == null) {
                store = new CaravanStore(StoreSettings.from(context.getPropertiesComponent()));
                try {
                    // stopped with the context; its doStart does nothing, the connection is made on first use
                    context.addService(store, true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("Caravan's file store could not be registered", e);
                }
                context.getRegistry().bind(SHARED, store);
            }
            return store;
        }
    }

    /**
     * Writes the file's {@code length} bytes under {@code key}. What the store then holds is checked: a store that
     * kept another size than was sent has the object removed again, and the caller is told, rather than a file that
     * is not what was uploaded being served later.
     */
    public StoredObject put(String key, Path content, long length, String contentType, Map<String, String> metadata) {
        return call(() -> {
            client().putObject(request -> request.bucket(settings.bucket()).key(key).contentLength(length)
                    .contentType(contentType).metadata(metadata), RequestBody.fromFile(content));
            Optional<StoredObject> stored = head(key);
            if (stored.isEmpty() || stored.get().size() != length) {
                client().deleteObject(request -> request.bucket(settings.bucket()).key(key));
                throw GatewayError.of(ErrorKind.UPSTREAM_ERROR, "Caravan's file store did not keep the "
                        + length + " bytes sent; nothing was stored. Please retry.");
            }
            return stored.get();
        });
    }

    public Optional<StoredObject> head(String key) {
        return call(() -> {
            try {
                HeadObjectResponse head = client().headObject(request -> request.bucket(settings.bucket()).key(key));
                return Optional.of(new StoredObject(key, head.contentLength(), head.lastModified(),
                        head.contentType(), head.metadata()));
            } catch (S3Exception missing) {
                if (missing.statusCode() == 404) {
                    return Optional.empty();
                }
                throw missing;
            }
        });
    }

    /** The object's bytes as an open stream, which the caller must close. */
    public Optional<StoredContent> open(String key) {
        return call(() -> {
            try {
                ResponseInputStream<GetObjectResponse> body = client().getObject(request -> request
                        .bucket(settings.bucket()).key(key));
                GetObjectResponse response = body.response();
                return Optional.of(new StoredContent(new StoredObject(key, response.contentLength(),
                        response.lastModified(), response.contentType(), response.metadata()), body));
            } catch (NoSuchKeyException missing) {
                return Optional.empty();
            }
        });
    }

    /** Up to {@code max} objects whose keys start with {@code prefix} and come after {@code startAfter}, if given. */
    public StoredPage list(String prefix, String startAfter, int max) {
        return call(() -> {
            List<StoredObject> objects = new ArrayList<>();
            String token = null;
            boolean more;
            do {
                int wanted = max - objects.size();
                String continuation = token;
                ListObjectsV2Response page = client().listObjectsV2(request -> request.bucket(settings.bucket())
                        .prefix(prefix).startAfter(startAfter).continuationToken(continuation)
                        .maxKeys(Math.min(MAX_KEYS_PER_CALL, wanted)));
                page.contents().forEach(object -> objects.add(new StoredObject(object.key(), object.size(),
                        object.lastModified(), null, Map.of())));
                more = Boolean.TRUE.equals(page.isTruncated());
                token = page.nextContinuationToken();
            } while (more && objects.size() < max && token != null);
            return new StoredPage(objects, more);
        });
    }

    public void delete(String key) {
        call(() -> client().deleteObject(request -> request.bucket(settings.bucket()).key(key)));
    }

    private <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SdkException failure) {
            throw StoreFailures.translate(failure);
        }
    }

    /** The S3 client, made (and the embedded store started) by the first call that needs one. */
    private synchronized S3Client client() {
        if (s3 == null) {
            if (!isStarted() && !isStarting()) {
                throw new IllegalStateException("Caravan's file store is stopped");
            }
            s3 = settings.embedded() ? embeddedClient() : client(settings.endpoint().toString(), settings.region(),
                    credentials(), settings.pathStyle());
        }
        return s3;
    }

    private S3Client embeddedClient() {
        embedded = EmbeddedS3Store.start(settings.dir(), "127.0.0.1");
        embedded.createBucket(settings.bucket());
        LOG.info("Caravan's file store: embedded S3 store at {}, bucket {}, data in {}", embedded.endpoint(),
                settings.bucket(), settings.dir().toAbsolutePath());
        return client(embedded.endpoint().toString(), embedded.region(), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(embedded.accessKey(), embedded.secretKey())), true);
    }

    private AwsCredentialsProvider credentials() {
        if (settings.accessKey().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(),
                settings.secretKey()));
    }

    private S3Client client(String endpoint, String region, AwsCredentialsProvider credentials, boolean pathStyle) {
        // kept to be closed: the SDK leaves a client it was handed open, and its idle connections would hold up the
        // embedded store's graceful stop
        http = ApacheHttpClient.builder().maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)).build();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle)
                // plain bodies with their length: no aws-chunked re-encoding of files Caravan already has on disk
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(http)
                // a write re-reads its file, so every call may be retried
                .overrideConfiguration(override -> override.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3).build()));
        return builder.endpointOverride(URI.create(endpoint)).build();
    }

    @Override
    protected synchronized void doStop() {
        if (s3 != null) {
            s3.close();
            http.close();
            s3 = null;
        }
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}
