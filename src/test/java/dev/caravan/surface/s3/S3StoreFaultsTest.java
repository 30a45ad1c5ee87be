package dev.caravan.surface.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanS3;
import dev.caravan.faults.FaultProxy;
import dev.caravan.sandbox.s3.EmbeddedS3Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bedrock provider's S3 store misbehaving behind Caravan (a fault proxy between them): too slow, throttling,
 * failing once, failing an upload, resetting the connection mid-upload. Reads recover through retries where the store
 * recovers; otherwise the caller gets S3's own error, and an upload that failed leaves no object behind. A store whose
 * ETag is not the MD5 of the bytes sent has its write undone.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                "caravan.bedrock.s3.endpoint={{sys:" + S3StoreFaultsTest.ENDPOINT + "}}",
                "caravan.bedrock.s3.access-key={{sys:" + S3StoreFaultsTest.ACCESS_KEY + "}}",
                "caravan.bedrock.s3.secret-key={{sys:" + S3StoreFaultsTest.SECRET_KEY + "}}",
                "caravan.bedrock.s3.region=us-east-1", "caravan.bedrock.s3.path-style=true",
                "caravan.bedrock.s3.read-timeout=500", "caravan.bedrock.s3.max-attempts=2",
                "caravan.bedrock.s3.circuit-breaker.minimum-calls=1000"})
class S3StoreFaultsTest {

    static final String ENDPOINT = "caravan.faults.s3.endpoint";
    static final String ACCESS_KEY = "caravan.faults.s3.access-key";
    static final String SECRET_KEY = "caravan.faults.s3.secret-key";
    private static final String BUCKET = "faulty-store";
    private static final Duration TOO_SLOW = Duration.ofMillis(1500);

    private static Path dataDir;
    private static EmbeddedS3Store store;
    private static FaultProxy proxy;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startStore() throws IOException {
        dataDir = Files.createTempDirectory("caravan-s3-faults-");
        store = EmbeddedS3Store.start(dataDir, "127.0.0.1");
        store.createBucket(BUCKET);
        proxy = FaultProxy.keepingHost(store.endpoint().toString());
        System.setProperty(ENDPOINT, proxy.baseUrl());
        System.setProperty(ACCESS_KEY, store.accessKey());
        System.setProperty(SECRET_KEY, store.secretKey());
    }

    @AfterAll
    static void stopStore() {
        System.clearProperty(ENDPOINT);
        System.clearProperty(ACCESS_KEY);
        System.clearProperty(SECRET_KEY);
        proxy.close();
        store.close();
    }

    @BeforeEach
    void clearFaults() {
        proxy.reset();
    }

    @Test
    void aStoreTooSlowOnEveryAttemptIsAServiceUnavailableAfterItsRetries() {
        byte[] data = put("slow/a.jsonl", 1_000);
        proxy.next(new FaultProxy.Delay(TOO_SLOW), 2);
        try (S3Client s3 = caravan()) {
            S3Exception error = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(get -> get.bucket(BUCKET)
                    .key("slow/a.jsonl")));
            assertEquals(503, error.statusCode());
            assertEquals("ServiceUnavailable", error.awsErrorDetails().errorCode());
            assertEquals(2, proxy.count("GET", "/" + BUCKET + "/slow/a.jsonl"), proxy.seen().toString());
            // once the store answers in time again, the object is there, whole
            assertArrayEquals(data, s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("slow/a.jsonl")).asByteArray());
        }
    }

    @Test
    void aThrottlingStoreIsRetriedAndTheReadSucceeds() {
        byte[] data = put("throttled/a.jsonl", 2_000);
        proxy.next(FaultProxy.s3Answer(503, Map.of("Retry-After", "1"), "SlowDown"), 1);
        try (S3Client s3 = caravan()) {
            assertArrayEquals(data, s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("throttled/a.jsonl"))
                    .asByteArray());
        }
        assertEquals(2, proxy.count("GET", "/" + BUCKET + "/throttled/a.jsonl"), proxy.seen().toString());
    }

    @Test
    void aStoreThatFailsOnceThenRecoversServesTheRead() {
        put("flaky/a.jsonl", 500);
        proxy.next(FaultProxy.s3Answer(500, Map.of(), "InternalError"), 1);
        try (S3Client s3 = caravan()) {
            assertEquals(500, s3.headObject(head -> head.bucket(BUCKET).key("flaky/a.jsonl")).contentLength());
        }
        assertEquals(2, proxy.count("HEAD", "/" + BUCKET + "/flaky/a.jsonl"), proxy.seen().toString());
    }

    @Test
    void anUploadTheStoreFailsIsAnsweredWithItsErrorOnceAndNothingIsStored() {
        proxy.next(FaultProxy.s3Answer(500, Map.of(), "InternalError"), 1);
        try (S3Client s3 = caravan()) {
            S3Exception error = assertThrows(S3Exception.class, () -> s3.putObject(put -> put.bucket(BUCKET)
                    .key("failed/a.jsonl"), RequestBody.fromBytes(random(300_000))));
            assertEquals(500, error.statusCode());
            assertEquals("InternalError", error.awsErrorDetails().errorCode());
            // the body went out, so the upload is not repeated behind the caller's back
            assertEquals(1, proxy.count("PUT", "/" + BUCKET + "/failed/a.jsonl"), proxy.seen().toString());
            assertAbsent(s3, "failed/a.jsonl");
        }
    }

    @Test
    void aStoreWhoseETagShowsOtherBytesHasTheWriteUndone() {
        // the store says it stored something else: its ETag is not the MD5 of what Caravan sent
        proxy.next(new FaultProxy.Answer(200, Map.of("ETag", "\"0123456789abcdef0123456789abcdef\""), ""), 1);
        try (S3Client s3 = caravan()) {
            S3Exception error = assertThrows(S3Exception.class, () -> s3.putObject(put -> put.bucket(BUCKET)
                    .key("garbled/a.jsonl"), RequestBody.fromBytes(random(10_000))));
            assertEquals(500, error.statusCode());
            assertEquals("InternalError", error.awsErrorDetails().errorCode());
            assertTrue(error.awsErrorDetails().errorMessage().contains("other bytes"),
                    error.awsErrorDetails().errorMessage());
            assertEquals(1, proxy.count("DELETE", "/" + BUCKET + "/garbled/a.jsonl"), "the write was undone");
            assertAbsent(s3, "garbled/a.jsonl");
        }
    }

    @Test
    void aConnectionResetMidUploadIsAServiceUnavailableAndNothingIsStored() {
        proxy.next(new FaultProxy.Reset(64 * 1024), 1);
        try (S3Client s3 = caravan()) {
            S3Exception error = assertThrows(S3Exception.class, () -> s3.putObject(put -> put.bucket(BUCKET)
                    .key("reset/a.jsonl"), RequestBody.fromBytes(random(1024 * 1024))));
            assertEquals(503, error.statusCode());
            assertEquals("ServiceUnavailable", error.awsErrorDetails().errorCode());
            assertAbsent(s3, "reset/a.jsonl");
        }
    }

    private void assertAbsent(S3Client s3, String key) {
        S3Exception missing = assertThrows(S3Exception.class, () -> s3.headObject(head -> head.bucket(BUCKET)
                .key(key)));
        assertEquals(404, missing.statusCode(), key + " must not have been stored");
        try (var files = Files.walk(dataDir)) {
            assertTrue(files.filter(Files::isRegularFile)
                    .noneMatch(path -> path.toString().contains(key.substring(0, key.indexOf('/')))),
                    "no part of " + key + " on the store's disk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores an object straight in the store: the faults under test are the reads that follow. */
    private static byte[] put(String key, int size) {
        byte[] data = random(size);
        try (S3Client s3 = S3Client.builder().endpointOverride(store.endpoint()).forcePathStyle(true)
                .region(Region.of(store.region())).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(store.accessKey(), store.secretKey()))).build()) {
            s3.putObject(put -> put.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
        }
        return data;
    }

    private S3Client caravan() {
        return CaravanS3.clientBuilder(context).build();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
