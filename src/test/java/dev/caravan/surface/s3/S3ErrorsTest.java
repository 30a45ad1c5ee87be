package dev.caravan.surface.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Every S3 error the files API answers, as the official SDK reports it: the S3 error code a user would catch, the
 * HTTP status, and nothing stored where a write was refused. A 1 MiB object limit and a one-bucket allow-list make
 * the limits reachable in a test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.s3.max-object-bytes=1048576", "caravan.bedrock.s3.allowed-buckets=errors-bucket"})
class S3ErrorsTest {

    private static final String BUCKET = "errors-bucket";

    @BeanInject
    CamelContext context;

    private S3Client s3;
    private S3Client plain;

    /** Built on first use: the Camel context is injected after JUnit's class-level callbacks. */
    @BeforeEach
    void clients() {
        if (s3 == null) {
            s3 = CaravanS3.clientBuilder(context).build();
            plain = CaravanS3.clientBuilder(context)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
            s3.putObject(b -> b.bucket(BUCKET).key("present.jsonl"), RequestBody.fromString("{\"a\":1}\n"));
        }
    }

    @AfterAll
    void close() {
        if (s3 != null) {
            s3.close();
            plain.close();
        }
    }

    @Test
    void getOfAMissingKeyIsNoSuchKeyNamingTheKey() {
        S3Exception error = fails(404, () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("missing/key.jsonl")));
        assertEquals("NoSuchKey", error.awsErrorDetails().errorCode());
    }

    @Test
    void headErrorsCarryAStatusButNoBody() {
        S3Exception error = fails(404, () -> s3.headObject(b -> b.bucket(BUCKET).key("missing/key.jsonl")));
        // no body: the SDK has nothing but the status, as with boto3's Code='404'
        assertTrue(error.awsErrorDetails().errorMessage() == null
                || !error.awsErrorDetails().errorMessage().contains("<Error>"));
    }

    @Test
    void aBucketOutsideTheAllowListIsAccessDenied() {
        for (Executable call : new Executable[] {
            () -> s3.listObjectsV2(b -> b.bucket("someone-elses-bucket")),
            () -> s3.putObject(b -> b.bucket("someone-elses-bucket").key("k"), RequestBody.fromString("x")),
            () -> s3.getObjectAsBytes(b -> b.bucket("someone-elses-bucket").key("k"))}) {
            assertEquals("AccessDenied", fails(403, call).awsErrorDetails().errorCode());
        }
    }

    @Test
    void invalidListingParametersAreInvalidArgument() {
        assertEquals("InvalidArgument", fails(400, () -> s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(-1)))
                .awsErrorDetails().errorCode());
        assertEquals("InvalidArgument", fails(400, () -> s3.listObjectsV2(b -> b.bucket(BUCKET)
                .encodingType("gzip"))).awsErrorDetails().errorCode());
    }

    @Test
    void aStaleIfMatchIsPreconditionFailed() {
        S3Exception error = fails(412, () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("present.jsonl")
                .ifMatch("0123456789abcdef0123456789abcdef")));
        assertEquals("PreconditionFailed", error.awsErrorDetails().errorCode());
    }

    @Test
    void anObjectAboveTheSizeLimitIsEntityTooLargeAndNothingIsStored() {
        S3Exception error = fails(400, () -> plain.putObject(b -> b.bucket(BUCKET).key("too-large.bin"),
                RequestBody.fromBytes(new byte[1024 * 1024 + 1])));
        assertEquals("EntityTooLarge", error.awsErrorDetails().errorCode());
        assertEquals(404, fails(404, () -> s3.headObject(b -> b.bucket(BUCKET).key("too-large.bin")))
                .statusCode());
    }

    @Test
    void aWrongContentMd5IsBadDigestAndAMalformedOneInvalidDigest() {
        byte[] body = "{\"recordId\":\"1\"}\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("BadDigest", fails(400, () -> plain.putObject(b -> b.bucket(BUCKET).key("md5.jsonl")
                .contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="), RequestBody.fromBytes(body))).awsErrorDetails().errorCode());
        assertEquals("InvalidDigest", fails(400, () -> plain.putObject(b -> b.bucket(BUCKET).key("md5.jsonl")
                .contentMD5("not-an-md5"), RequestBody.fromBytes(body))).awsErrorDetails().errorCode());
        fails(404, () -> s3.headObject(b -> b.bucket(BUCKET).key("md5.jsonl")));
    }

    @Test
    void operationsCaravanDoesNotServeAreNotImplemented() {
        assertEquals("NotImplemented", fails(501, () -> s3.copyObject(b -> b.sourceBucket(BUCKET)
                .sourceKey("present.jsonl").destinationBucket(BUCKET).destinationKey("copy.jsonl")))
                .awsErrorDetails().errorCode());
        assertEquals("NotImplemented", fails(501, () -> s3.listObjects(b -> b.bucket(BUCKET)))
                .awsErrorDetails().errorCode());
        assertEquals("NotImplemented", fails(501, () -> s3.getObjectAcl(b -> b.bucket(BUCKET)
                .key("present.jsonl"))).awsErrorDetails().errorCode());
    }

    @Test
    void aProviderFileKeyThatIsNoFileIdIsNoSuchKeyAndAnUnknownProviderInvalidArgument() throws Exception {
        HttpResponse<String> openai = raw("openai");
        assertEquals(404, openai.statusCode());
        assertTrue(openai.body().contains("<Code>NoSuchKey</Code>") && openai.body().contains("IfMatch"),
                openai.body());
        HttpResponse<String> unknown = raw("not-a-provider");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("<Code>InvalidArgument</Code>"), unknown.body());
        assertTrue(unknown.body().contains("bedrock"), "names the valid providers: " + unknown.body());
        assertEquals("application/xml", unknown.headers().firstValue("Content-Type").orElse(""));
    }

    private HttpResponse<String> raw(String provider) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create(CaravanS3.endpoint(context) + "/" + BUCKET + "/present.jsonl"))
                .header("x-model-provider", provider).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static S3Exception fails(int status, Executable call) {
        S3Exception error = assertThrows(S3Exception.class, call);
        assertEquals(status, error.statusCode(), () -> "status of " + error.getMessage());
        return error;
    }
}
