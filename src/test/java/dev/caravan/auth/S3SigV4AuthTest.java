package dev.caravan.auth;

import static dev.caravan.auth.AuthTestKeys.S3_KEY_ID;
import static dev.caravan.auth.AuthTestKeys.S3_SECRET;
import static dev.caravan.auth.AuthTestKeys.WRONG_SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * SigV4 with Caravan's API keys on the S3 files API, as the official AWS SDK for Java v2 meets it: every signing
 * mode the SDK uses is accepted with the right key (signed aws-chunked with a trailer, signed chunks without one, a
 * signed payload hash, presigned URLs); a wrong secret, an unknown key id and no credentials are refused with S3's
 * codes; a body changed after signing is refused and nothing is stored; x-model-provider added after signing is
 * accepted. No secret is ever logged or echoed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                AuthTestKeys.SETTING})
class S3SigV4AuthTest {

    private static final LogCapture LOGS = LogCapture.start(AuthTestKeys.VERBOSE);
    private static final String BUCKET = "auth-bucket";
    private static final AwsCredentialsProvider RIGHT = credentials(S3_KEY_ID, S3_SECRET);

    @BeanInject
    CamelContext context;

    /** x-amz-content-sha256 of every request the SDK sent, to show which signing modes were exercised. */
    private final List<String> payloadModes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> answers = Collections.synchronizedList(new ArrayList<>());

    @AfterAll
    void stopCapturing() {
        LOGS.close();
    }

    @Test
    void theRightKeyPutsGetsListsAndDeletesInEverySigningModeOfTheSdk() {
        byte[] data = random(300_000, 1);
        String payloadHash = Sha256.hex(Sha256.newDigest().digest(data));
        // the SDK's default (signed aws-chunked with a signed CRC32 trailer), signed chunks without a trailer, and a
        // signed hex payload hash without aws-chunked
        List<Consumer<S3ClientBuilder>> configurations = List.of(builder -> { },
                builder -> builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED),
                builder -> builder.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
                        .chunkedEncodingEnabled(false).build()));
        List<String> expectedModes = List.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", payloadHash);
        for (int i = 0; i < configurations.size(); i++) {
            try (S3Client s3 = client(RIGHT, null, configurations.get(i))) {
                payloadModes.clear();
                s3.putObject(b -> b.bucket(BUCKET).key("in/modes.bin"), RequestBody.fromBytes(data));
                assertEquals(expectedModes.get(i), payloadModes.get(0), "how the SDK signed its PutObject");
                assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("in/modes.bin")).asByteArray());
                assertEquals(data.length, s3.headObject(b -> b.bucket(BUCKET).key("in/modes.bin")).contentLength());
                assertTrue(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("in/")).contents().stream()
                        .anyMatch(object -> object.key().equals("in/modes.bin")));
                s3.deleteObject(b -> b.bucket(BUCKET).key("in/modes.bin"));
                absent("in/modes.bin");
            }
        }
    }

    @Test
    void multipartUploadsWithTheRightKey() {
        byte[] first = random(5 * 1024 * 1024, 3);
        byte[] second = random(1024, 4);
        try (S3Client s3 = client(RIGHT, null, builder -> { })) {
            String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("in/multi.bin")
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            for (byte[] part : List.of(first, second)) {
                int number = parts.size() + 1;
                var uploaded = s3.uploadPart(b -> b.bucket(BUCKET).key("in/multi.bin").uploadId(uploadId)
                        .partNumber(number).checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(part));
                parts.add(CompletedPart.builder().partNumber(number).eTag(uploaded.eTag())
                        .checksumCRC32(uploaded.checksumCRC32()).build());
            }
            assertEquals(2, s3.listParts(b -> b.bucket(BUCKET).key("in/multi.bin").uploadId(uploadId)).parts().size());
            s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("in/multi.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("in/multi.bin")).asByteArray();
            assertEquals(first.length + second.length, stored.length);
            assertArrayEquals(second, java.util.Arrays.copyOfRange(stored, first.length, stored.length));

            String aborted = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("in/aborted.bin")).uploadId();
            s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("in/aborted.bin").uploadId(aborted));
        }
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatchAndStoresNothing() {
        try (S3Client s3 = client(credentials(S3_KEY_ID, WRONG_SECRET), null, builder -> { })) {
            assertEquals("SignatureDoesNotMatch", fails(403, () -> s3.listObjectsV2(b -> b.bucket(BUCKET))));
            assertEquals("SignatureDoesNotMatch", fails(403, () -> s3.putObject(b -> b.bucket(BUCKET)
                    .key("in/wrong.bin"), RequestBody.fromBytes(random(70_000, 5)))));
        }
        absent("in/wrong.bin");
    }

    @Test
    void anUnknownKeyIdIsInvalidAccessKeyId() {
        try (S3Client s3 = client(credentials("AKIAIOSFODNN7EXAMPLE", S3_SECRET), null, builder -> { })) {
            assertEquals("InvalidAccessKeyId", fails(403, () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                    .key("in/any.bin"))));
        }
        // A Caravan key id with another key's secret is a wrong signature, not an unknown key.
        try (S3Client s3 = client(credentials(AuthTestKeys.OPENAI_KEY_ID, S3_SECRET), null, builder -> { })) {
            assertEquals("SignatureDoesNotMatch", fails(403, () -> s3.listObjectsV2(b -> b.bucket(BUCKET))));
        }
    }

    @Test
    void noCredentialsAtAllIsAccessDenied() throws Exception {
        try (S3Client s3 = client(AnonymousCredentialsProvider.create(), null, builder -> { })) {
            assertEquals("AccessDenied", fails(403, () -> s3.listObjectsV2(b -> b.bucket(BUCKET))));
        }
        HttpResponse<String> raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(CaravanS3.endpoint(context) + "/" + BUCKET + "/in/any.bin")).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, raw.statusCode());
        assertTrue(raw.body().contains("<Code>AccessDenied</Code>"), raw.body());
        assertEquals("application/xml", raw.headers().firstValue("Content-Type").orElse(""));
        answers.add(raw.body());
    }

    @Test
    void aBodyChangedAfterSigningItsHashIsXAmzContentSha256MismatchAndStoresNothing() {
        AfterSigningHttpClient http = new AfterSigningHttpClient(ApacheHttpClient.create()).flipBodyByteAt(4_000);
        try (S3Client s3 = client(RIGHT, http, builder -> builder.serviceConfiguration(S3Configuration.builder()
                .pathStyleAccessEnabled(true).chunkedEncodingEnabled(false).build()))) {
            assertEquals("XAmzContentSHA256Mismatch", fails(400, () -> s3.putObject(b -> b.bucket(BUCKET)
                    .key("in/tampered-hash.bin"), RequestBody.fromBytes(random(100_000, 6)))));
        }
        absent("in/tampered-hash.bin");
    }

    @Test
    void aChunkChangedAfterSigningIsSignatureDoesNotMatchAndStoresNothing() {
        byte[] data = random(300_000, 7);
        // Byte 5,000 of the wire body is inside the first chunk's data (its header line is under 100 bytes).
        for (Consumer<S3ClientBuilder> mode : List.<Consumer<S3ClientBuilder>>of(builder -> { },
                builder -> builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED))) {
            AfterSigningHttpClient http = new AfterSigningHttpClient(ApacheHttpClient.create()).flipBodyByteAt(5_000);
            try (S3Client s3 = client(RIGHT, http, mode)) {
                assertEquals("SignatureDoesNotMatch", fails(403, () -> s3.putObject(b -> b.bucket(BUCKET)
                        .key("in/tampered-chunk.bin"), RequestBody.fromBytes(data))));
            }
            absent("in/tampered-chunk.bin");
        }
        // the same client without the flip stores the object: the refusal was the changed byte, nothing else
        try (S3Client s3 = client(RIGHT, new AfterSigningHttpClient(ApacheHttpClient.create()), builder -> { })) {
            s3.putObject(b -> b.bucket(BUCKET).key("in/tampered-chunk.bin"), RequestBody.fromBytes(data));
            s3.deleteObject(b -> b.bucket(BUCKET).key("in/tampered-chunk.bin"));
        }
    }

    @Test
    void xModelProviderAddedAfterSigningIsAcceptedButAnAmzHeaderIsNot() {
        AfterSigningHttpClient http = new AfterSigningHttpClient(ApacheHttpClient.create())
                .addHeader("x-model-provider", "bedrock");
        try (S3Client s3 = client(RIGHT, http, builder -> { })) {
            s3.putObject(b -> b.bucket(BUCKET).key("in/provider.jsonl"), RequestBody.fromString("{\"a\":1}\n"));
            assertEquals("{\"a\":1}\n", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("in/provider.jsonl"))
                    .asUtf8String());
            s3.deleteObject(b -> b.bucket(BUCKET).key("in/provider.jsonl"));
        }
        AfterSigningHttpClient injected = new AfterSigningHttpClient(ApacheHttpClient.create())
                .addHeader("x-amz-meta-owner", "mallory");
        try (S3Client s3 = client(RIGHT, injected, builder -> { })) {
            assertEquals("AccessDenied", fails(403, () -> s3.putObject(b -> b.bucket(BUCKET).key("in/injected.jsonl"),
                    RequestBody.fromString("{}\n"))));
        }
        absent("in/injected.jsonl");
    }

    @Test
    void presignedUrlsFromTheSdk() throws Exception {
        try (S3Client s3 = client(RIGHT, null, builder -> { });
             S3Presigner presigner = S3Presigner.builder().endpointOverride(CaravanS3.endpoint(context))
                     .region(Region.US_WEST_2).credentialsProvider(RIGHT)
                     .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(b -> b.bucket(BUCKET).key("in/presigned.jsonl")));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(put.url().toURI())
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"presigned\":true}\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stored.statusCode(), stored.body());

            PresignedGetObjectRequest get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(b -> b.bucket(BUCKET).key("in/presigned.jsonl")));
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(get.url().toURI()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("{\"presigned\":true}\n", read.body());

            URI otherKey = URI.create(get.url().toString().replace("/in/presigned.jsonl?", "/in/other.jsonl?"));
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(otherKey).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, forged.statusCode());
            assertTrue(forged.body().contains("<Code>SignatureDoesNotMatch</Code>"), forged.body());
            answers.add(forged.body());
            s3.deleteObject(b -> b.bucket(BUCKET).key("in/presigned.jsonl"));
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretIsLoggedOrEchoed() {
        String log = LOGS.text();
        // the refusals above did reach the log, so the check below looked at them
        assertTrue(log.contains("SignatureDoesNotMatch") && log.contains("InvalidAccessKeyId")
                && log.contains("XAmzContentSHA256Mismatch"), "the refusals are logged");
        for (String answer : answers) {
            assertTrue(!answer.contains(S3_KEY_ID), "the key id is not echoed: " + answer);
        }
        AuthTestKeys.assertNoSecretIn(context, LOGS, answers);
    }

    /** Status and S3 code of a refused call; its message is kept for the final check. */
    private String fails(int status, Executable call) {
        S3Exception error = assertThrows(S3Exception.class, call);
        assertEquals(status, error.statusCode(), error.getMessage());
        // the SDK keeps the parsed answer (code, message), not its raw bytes
        answers.add(error.getMessage());
        return error.awsErrorDetails().errorCode();
    }

    private void absent(String key) {
        try (S3Client s3 = client(RIGHT, null, builder -> { })) {
            S3Exception missing = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket(BUCKET).key(key)));
            assertEquals(404, missing.statusCode(), key + " must not have been stored");
        }
    }

    private S3Client client(AwsCredentialsProvider credentials, AfterSigningHttpClient http,
                            Consumer<S3ClientBuilder> configure) {
        S3ClientBuilder builder = S3Client.builder()
                .endpointOverride(CaravanS3.endpoint(context))
                .region(Region.US_WEST_2)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .overrideConfiguration(override -> override.retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(retry -> retry.maxAttempts(1))
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(Context.BeforeTransmission transmission,
                                                           ExecutionAttributes attributes) {
                                transmission.httpRequest().firstMatchingHeader("x-amz-content-sha256")
                                        .ifPresent(payloadModes::add);
                            }
                        }));
        if (http == null) {
            builder.httpClientBuilder(ApacheHttpClient.builder());
        } else {
            builder.httpClient(http);
        }
        configure.accept(builder);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(String keyId, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
