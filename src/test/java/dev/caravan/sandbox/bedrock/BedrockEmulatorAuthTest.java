package dev.caravan.sandbox.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.ResourceNotFoundException;

/**
 * SigV4 as AWS's non-S3 front ends answer it, seen through the SDK's exceptions: every call needs the emulator's key,
 * signed for {@code bedrock} in its region, within 5 minutes of its clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BedrockEmulatorAuthTest {

    @TempDir
    static Path dataDir;

    private EmulatorFixture fixture;
    private RawBedrock raw;

    @BeforeAll
    void start() {
        fixture = EmulatorFixture.start(dataDir.resolve("s3"), UnaryOperator.identity());
        raw = new RawBedrock(fixture.emulator);
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void theEmulatorsOwnKeyIsAccepted() {
        // a well-signed call reaches the operation: an unknown job, not an authentication error
        assertThrows(ResourceNotFoundException.class,
                () -> fixture.bedrock.getModelInvocationJob(g -> g.jobIdentifier("abcdefghijkl")));
        assertEquals(200, raw.send("GET", "/model-invocation-jobs?maxResults=1", null, Map.of()).statusCode());
    }

    @Test
    void aWrongSecretIsInvalidSignatureException() {
        try (BedrockClient wrong = client(fixture.emulator.accessKey(), "not-the-emulators-secret",
                fixture.emulator.region())) {
            AwsServiceException failure = assertThrows(AwsServiceException.class,
                    () -> wrong.listModelInvocationJobs(l -> l.maxResults(1)));
            assertEquals(403, failure.statusCode());
            assertEquals("InvalidSignatureException", failure.awsErrorDetails().errorCode());
            assertTrue(failure.awsErrorDetails().errorMessage().startsWith("The request signature we calculated "
                    + "does not match"), failure.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void anUnknownAccessKeyIsUnrecognizedClientException() {
        try (BedrockClient stranger = client("AKIAIOSFODNN7EXAMPLE", fixture.emulator.secretKey(),
                fixture.emulator.region())) {
            AwsServiceException failure = assertThrows(AwsServiceException.class,
                    () -> stranger.getModelInvocationJob(g -> g.jobIdentifier("abcdefghijkl")));
            assertEquals(403, failure.statusCode());
            assertEquals("UnrecognizedClientException", failure.awsErrorDetails().errorCode());
            assertEquals("The security token included in the request is invalid.",
                    failure.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void aSignatureForAnotherRegionIsRefused() {
        try (BedrockClient elsewhere = client(fixture.emulator.accessKey(), fixture.emulator.secretKey(),
                "eu-west-1")) {
            AwsServiceException failure = assertThrows(AwsServiceException.class,
                    () -> elsewhere.listModelInvocationJobs(l -> l.maxResults(1)));
            assertEquals(403, failure.statusCode());
            assertEquals("InvalidSignatureException", failure.awsErrorDetails().errorCode());
            assertTrue(failure.awsErrorDetails().errorMessage().contains("valid region"));
        }
    }

    @Test
    void noAuthorizationIsMissingAuthenticationToken() {
        HttpResponse<String> response = raw.unsigned("GET", "/model-invocation-jobs", null);
        assertEquals(403, response.statusCode());
        assertEquals("MissingAuthenticationTokenException",
                response.headers().firstValue("x-amzn-ErrorType").orElse(""));
        assertTrue(response.body().contains("Missing Authentication Token"), response.body());
        assertTrue(response.headers().firstValue("x-amzn-RequestId").isPresent());
    }

    @Test
    void aRequestSignedTenMinutesAgoHasAnExpiredSignature() {
        HttpResponse<String> response = raw.send("GET", "/model-invocation-jobs", null, Map.of(),
                Instant.now().minus(Duration.ofMinutes(10)), true);
        assertEquals(403, response.statusCode());
        assertEquals("InvalidSignatureException", response.headers().firstValue("x-amzn-ErrorType").orElse(""));
        assertTrue(response.body().contains("Signature expired: "), response.body());
        assertTrue(response.body().contains(" - 5 min.)"), response.body());
        HttpResponse<String> early = raw.send("GET", "/model-invocation-jobs", null, Map.of(),
                Instant.now().plus(Duration.ofMinutes(10)), true);
        assertEquals(403, early.statusCode());
        assertTrue(early.body().contains("Signature not yet current: "), early.body());
    }

    @Test
    void anHttp2ClientIsAuthenticatedOnItsAuthority() {
        RawBedrock http2 = new RawBedrock(fixture.emulator, java.net.http.HttpClient.Version.HTTP_2);
        for (int i = 0; i < 2; i++) { // the upgrade request, then a request on the HTTP/2 connection
            HttpResponse<String> response = http2.send("GET", "/model-invocation-jobs?maxResults=1", null, Map.of());
            assertEquals(200, response.statusCode(), response.body());
        }
    }

    @Test
    void headersAddedAfterSigningAreTolerated() {
        HttpResponse<String> response = raw.send("GET", "/model-invocation-jobs?maxResults=5", null,
                Map.of("x-model-provider", "bedrock"));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        // the Java SDK signs x-amz-content-sha256; a body that no longer hashes to it fails
        HttpResponse<String> response = raw.send("POST", "/model-invocation-job", "{\"jobName\":\"a\"}",
                Map.of("x-amz-content-sha256", "0".repeat(64)));
        assertEquals(403, response.statusCode());
        assertEquals("InvalidSignatureException", response.headers().firstValue("x-amzn-ErrorType").orElse(""));
    }

    @Test
    void noSecretAppearsInAnAnswer() {
        HttpResponse<String> response = raw.unsigned("GET", "/model-invocation-jobs", null);
        assertFalse(response.body().contains(fixture.emulator.secretKey()));
        assertFalse(fixture.emulator.toString().contains(fixture.emulator.secretKey()));
    }

    private BedrockClient client(String accessKey, String secretKey, String region) {
        return BedrockClient.builder()
                .endpointOverride(java.net.URI.create(fixture.emulator.baseUrl()))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                        secretKey)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
