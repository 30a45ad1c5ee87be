package dev.caravan.sandbox.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.contract.S3FilesContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 contract straight against the embedded store, which shows that the contract describes behaviour a real S3
 * implementation has; plus what only the store's own API can show (credentials, restarts, the data directory).
 */
class S3ProxyContractTest extends S3FilesContract {

    @TempDir
    static Path dataDir;

    private EmbeddedS3Store store;

    @BeforeAll
    void startStore() {
        store = EmbeddedS3Store.start(dataDir.resolve("contract"), "127.0.0.1");
    }

    @AfterAll
    void stopStore() {
        // Open keep-alive connections hold S3Proxy's graceful stop until its timeout.
        closeClients();
        store.close();
    }

    @Override
    protected S3ClientBuilder clientBuilder() {
        return clientBuilder(store, store.accessKey(), store.secretKey());
    }

    @Override
    protected void createBucket(String name) {
        store.createBucket(name);
    }

    private static S3ClientBuilder clientBuilder(EmbeddedS3Store target, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(target.endpoint())
                .forcePathStyle(true)
                .region(Region.of(target.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                // Several HTTP clients are on the classpath; name one rather than depend on the SDK's pick.
                .httpClientBuilder(ApacheHttpClient.builder())
                // A retried 5xx would hide a server fault behind a passing test.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    // ---- contract checks S3Proxy 4.1 fails; Caravan's S3 surface enforces them itself ----------------------------

    @Override
    @Test
    @Disabled("S3Proxy 4.1 answers HEAD with an unquoted If-Match (as boto3 sends the guide's file_id) with 412; "
            + "GET and DELETE accept it. The flow with quoted ETags is bedrockGuideFlowPassesWithQuotedIfMatch")
    protected void batchInputFileGoesThroughPutListHeadGetDeleteAsInTheBedrockGuide() {
    }

    @Override
    @Test
    @Disabled("S3Proxy 4.1 answers HEAD with an unquoted If-Match with 412 (GET and DELETE accept it)")
    protected void ifMatchAcceptsTheETagWithAndWithoutQuotes() {
    }

    @Override
    @Test
    @Disabled("S3Proxy 4.1 refuses a path with an empty segment (a//b) as SignatureDoesNotMatch (403)")
    protected void keysWithAnEmptyPathSegmentRoundTrip() {
    }

    @Override
    @Test
    @Disabled("S3Proxy 4.1 answers 404 before reading the body and keeps the connection open: the SDK sees the "
            + "NoSuchBucket or a broken pipe, and the next request on that pooled connection fails")
    protected void putIntoAMissingBucketIsNoSuchBucket() {
    }

    @Override
    @Test
    @Disabled("S3Proxy 4.1 does not check the upload id: ListParts of an aborted upload answers 200 with no parts")
    protected void abortedMultipartUploadLeavesNothingBehind() {
    }

    @Override
    @Test
    @Disabled("S3Proxy 4.1 does not check the upload id: ListParts of a completed upload answers 200 with no parts")
    protected void completedMultipartUploadIsNoLongerAnUpload() {
    }

    @Override
    @Test
    @Disabled("S3Proxy 4.1 verifies x-amz-checksum-* but does not store it: GET and HEAD with checksum mode return "
            + "no x-amz-checksum-crc32")
    protected void getWithChecksumModeReturnsTheCrc32TheObjectWasUploadedWith() {
    }

    @Override
    @Test
    @Disabled("S3Proxy 4.1 returns no x-amz-checksum-crc32 on PutObject or UploadPart responses")
    protected void uploadsEchoTheChecksumTheyVerified() {
    }

    @Override
    @Test
    @Disabled("S3Proxy 4.1 completes the upload byte-exact but keeps no part checksums: ListParts shows none")
    protected void multipartUploadWithCrc32PartChecksumsCompletesWithACompositeChecksum() {
    }

    /** What S3Proxy does support of the guide's flow, so only the quote handling is left to the gateway. */
    @Test
    void bedrockGuideFlowPassesWithQuotedIfMatch() {
        runBedrockGuideFilesFlow(eTag -> eTag);
    }

    // ---- what only the embedded store shows ------------------------------------------------------------------

    @Test
    void requestsSignedWithOtherCredentialsAreRefused() {
        createBucket("signed-only");
        try (S3Client wrongSecret = clientBuilder(store, store.accessKey(), store.secretKey() + "x").build();
                S3Client unknownKey = clientBuilder(store, "AKIAUNKNOWNUNKNOWN00", store.secretKey()).build()) {

            S3Exception badSignature = assertStatus(403, () -> wrongSecret.listObjectsV2(b -> b.bucket("signed-only")));
            assertEquals("SignatureDoesNotMatch", badSignature.awsErrorDetails().errorCode());
            S3Exception badKey = assertStatus(403, () -> unknownKey.putObject(b -> b.bucket("signed-only").key("k"),
                    RequestBody.fromString("{}")));
            assertEquals("InvalidAccessKeyId", badKey.awsErrorDetails().errorCode());
        }
        assertTrue(client().listObjectsV2(b -> b.bucket("signed-only")).contents().isEmpty(), "nothing was written");
    }

    @Test
    void objectsSurviveARestartOnTheSameDataDirectoryUnderNewCredentials() throws IOException {
        Path dir = dataDir.resolve("restart");
        byte[] content = bedrockBatchJsonl(2);
        String oldAccessKey;
        String oldSecretKey;
        try (EmbeddedS3Store first = EmbeddedS3Store.start(dir, "127.0.0.1");
                S3Client s3 = clientBuilder(first, first.accessKey(), first.secretKey()).build()) {
            first.createBucket("durable");
            s3.putObject(b -> b.bucket("durable").key("in/batch.jsonl"), RequestBody.fromBytes(content));
            oldAccessKey = first.accessKey();
            oldSecretKey = first.secretKey();
        }

        try (EmbeddedS3Store second = EmbeddedS3Store.start(dir, "127.0.0.1");
                S3Client s3 = clientBuilder(second, second.accessKey(), second.secretKey()).build();
                S3Client stale = clientBuilder(second, oldAccessKey, oldSecretKey).build()) {
            assertTrue(second.bucketExists("durable"));
            assertArrayEquals(content, s3.getObjectAsBytes(b -> b.bucket("durable").key("in/batch.jsonl"))
                    .asByteArray());
            assertNotEquals(oldAccessKey, second.accessKey(), "every start draws new credentials");
            assertNotEquals(oldSecretKey, second.secretKey(), "every start draws new credentials");
            assertStatus(403, () -> stale.headObject(b -> b.bucket("durable").key("in/batch.jsonl")));
        }
    }

    @Test
    void createBucketIsIdempotentAndRefusesNamesS3Refuses() {
        assertFalse(store.bucketExists("created-twice"));

        store.createBucket("created-twice");
        client().putObject(b -> b.bucket("created-twice").key("kept.jsonl"), RequestBody.fromString("{}"));
        store.createBucket("created-twice");

        assertTrue(store.bucketExists("created-twice"));
        assertEquals(1, client().listObjectsV2(b -> b.bucket("created-twice")).keyCount(),
                "creating an existing bucket keeps its objects");
        for (String invalid : new String[] {"..", "../escape", "a/b", "UPPER", "x", ""}) {
            assertThrows(IllegalArgumentException.class, () -> store.createBucket(invalid), invalid);
            assertFalse(store.bucketExists(invalid), invalid);
        }
        assertFalse(Files.exists(dataDir.resolve("escape")), "no directory outside the data directory");
    }

    @Test
    void startRefusesAHostOtherThanLoopback() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedS3Store.start(dataDir.resolve("any"), "0.0.0.0"));
    }

    @Test
    void aStreamedUploadLargerThanS3ProxysInMemoryLimitIsStoredOnDisk() throws IOException {
        // S3Proxy reads a signed non-chunked body into memory, up to 128 MiB; aws-chunked bodies stream to disk.
        long size = 136L * 1024 * 1024;
        createBucket("big-objects");
        MessageDigest sent = digest("SHA-256");

        client().putObject(b -> b.bucket("big-objects").key("in/large.jsonl"),
                RequestBody.fromInputStream(new PatternStream(size, sent), size));

        try (ResponseInputStream<GetObjectResponse> body = client().getObject(b -> b.bucket("big-objects")
                .key("in/large.jsonl"))) {
            assertEquals(size, body.response().contentLength());
            assertArrayEquals(sent.digest(), sha256Of(body));
        }
        try (Stream<Path> files = Files.walk(dataDir.resolve("contract").resolve("big-objects"))) {
            assertTrue(files.filter(Files::isRegularFile).anyMatch(file -> sizeOf(file) == size),
                    "the object is a file of its size in the data directory");
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Pseudo-random bytes generated as they are read, so the uploader holds no copy of the object. */
    private static final class PatternStream extends InputStream {

        private final Random random = new Random(136);
        private final MessageDigest digest;
        private long remaining;

        PatternStream(long size, MessageDigest digest) {
            this.remaining = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int count = (int) Math.min(length, remaining);
            byte[] chunk = new byte[count];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, count);
            digest.update(chunk);
            remaining -= count;
            return count;
        }
    }
}
