package dev.caravan.sandbox.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Pattern;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The sandbox's S3: an in-process S3Proxy server with its filesystem backend, listening on loopback and speaking the
 * S3 REST API with SigV4 authentication. Objects are files under the data directory, so their size is bounded by the
 * disk rather than by the heap, and a store restarted on the same directory finds them again.
 *
 * <p>Credentials are drawn at random on every start and are never logged: only code holding this object can sign
 * requests, even though the port is reachable by every local process.
 */
public final class EmbeddedS3Store implements AutoCloseable {

    private static final String REGION = "us-east-1";

    // S3's bucket naming rules. The name also becomes a directory under the data directory, so anything else (a
    // "..", a separator) must never reach the backend.
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    // Close waits this long for requests still in flight. S3Proxy's own default is 30 s, which would hold up a
    // sandbox shutdown behind a stalled client.
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    // AWS access key ids are 20 characters of upper-case base32; looking like one keeps clients and logs unsurprised.
    private static final char[] ACCESS_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final S3Proxy server;
    private final BlobStore blobStore;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedS3Store(S3Proxy server, BlobStore blobStore, URI endpoint, String accessKey, String secretKey) {
        this.server = server;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts a store keeping its buckets under {@code dataDir} (created if missing) and listening on a free port of
     * {@code host}, which must be a loopback address: the store has no TLS and is meant for this machine only.
     */
    public static EmbeddedS3Store start(Path dataDir, String host) {
        requireLoopback(host);
        Path root = createDirectories(dataDir).toAbsolutePath();
        SecureRandom random = new SecureRandom();
        String accessKey = newAccessKey(random);
        String secretKey = newSecretKey(random);

        Properties backend = new Properties();
        backend.setProperty("jclouds.filesystem.basedir", root.toString());
        BlobStore blobStore = BlobStores.create("filesystem", backend);

        String authority = host.contains(":") ? "[" + host + "]" : host;
        // Port 0: Jetty binds a free port and S3Proxy reports it, so no other process can take it in between.
        S3Proxy server = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://" + authority + ":0"))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                .stopTimeout(STOP_TIMEOUT.toMillis())
                .build();
        try {
            server.start();
        } catch (Exception e) {
            blobStore.close();
            throw new IllegalStateException("S3Proxy did not start on " + authority, e);
        }
        URI endpoint = URI.create("http://" + authority + ":" + server.getPort());
        return new EmbeddedS3Store(server, blobStore, endpoint, accessKey, secretKey);
    }

    /** The base URL for an S3 client; buckets are addressed path-style ({@code endpoint/bucket/key}). */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The region clients must sign for. */
    public String region() {
        return REGION;
    }

    /** Creates the bucket unless it already exists; safe to call from concurrent first uses of the same bucket. */
    public void createBucket(String name) {
        if (!BUCKET_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid S3 bucket name: " + name);
        }
        try {
            blobStore.createContainer(name);
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // The idempotent outcome: whoever won the race created the same empty bucket.
        }
    }

    public boolean bucketExists(String name) {
        return BUCKET_NAME.matcher(name).matches() && blobStore.containerExists(name);
    }

    /** Stops the server; the objects stay in the data directory. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop cleanly", e);
        } finally {
            blobStore.close();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedS3Store[" + endpoint + "]";
    }

    private static void requireLoopback(String host) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("the embedded S3 store only listens on loopback, not " + host);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newAccessKey(SecureRandom random) {
        StringBuilder key = new StringBuilder("AKIA");
        while (key.length() < 20) {
            key.append(ACCESS_KEY_ALPHABET[random.nextInt(ACCESS_KEY_ALPHABET.length)]);
        }
        return key.toString();
    }

    private static String newSecretKey(SecureRandom random) {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        // URL-safe so the key can sit in a Camel endpoint URI or a properties file without escaping.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
