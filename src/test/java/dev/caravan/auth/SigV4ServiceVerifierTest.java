package dev.caravan.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SigV4Verifier#verify(SignedRequest, String)}, the form for services other than S3 (the Bedrock control
 * plane): requests signed by the AWS SDK's own signer the way its Bedrock client signs them, then altered.
 */
class SigV4ServiceVerifierTest {

    private static final String KEY_ID = "AKIAEMULATORTESTKEY1";
    private static final String SECRET = "bedrock-test-secret-0f3a9c";
    private static final ApiKeys KEYS = ApiKeys.parse(KEY_ID + ":" + SECRET);
    private static final byte[] BODY = ("{\"jobName\":\"j1\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\"}")
            .getBytes(StandardCharsets.UTF_8);
    /** What the Bedrock client sends for GetModelInvocationJob with an ARN (client-wire.md §2). */
    private static final String ARN_PATH = "/model-invocation-job/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012"
            + "%3Amodel-invocation-job%2Fabcdefghijkl";

    private final SdkSigner signer = new SdkSigner(KEY_ID, SECRET).service("bedrock").region("us-east-1")
            .serviceStyle().header("Content-Type", "application/json");

    @Test
    void aSignedBodyVerifiesWithItsHash() {
        SdkSigner.Wire create = signer.sign("POST", "/model-invocation-job", BODY);
        // the Java SDK signs the header too (boto3 sends none: withoutAPayloadHashHeader covers that form)
        assertEquals(hash(BODY), create.header("x-amz-content-sha256"));
        VerifiedRequest verified = verifier(signer.time()).verify(create.request(), hash(BODY));
        assertEquals(KEY_ID, verified.keyId());
        assertEquals("bedrock", verified.signingKey().scope().service());
        assertEquals("us-east-1", verified.signingKey().scope().region());
    }

    @Test
    void anArnPathIsSignedEncodedTwice() {
        SdkSigner.Wire get = signer.sign("GET", ARN_PATH, null);
        verifier(signer.time()).verify(get.request(), Sha256.EMPTY_HEX);
        SdkSigner.Wire list = signer.sign("GET", "/model-invocation-jobs?maxResults=10&nameContains=a%20b"
                + "&submitTimeAfter=2026-01-01T00%3A00%3A00Z", null);
        verifier(signer.time()).verify(list.request(), Sha256.EMPTY_HEX);
        SdkSigner.Wire stop = signer.sign("POST", ARN_PATH + "/stop", new byte[0]);
        verifier(signer.time()).verify(stop.request(), Sha256.EMPTY_HEX);
    }

    @Test
    void aSignatureOverThePathEncodedOnceDoesNotVerify() {
        SdkSigner.Wire s3Style = new SdkSigner(KEY_ID, SECRET).service("bedrock").region("us-east-1")
                .sign("GET", ARN_PATH, null).withHeader("x-amz-content-sha256", null);
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, s3Style, Sha256.EMPTY_HEX);
    }

    @Test
    void aTamperedBodyFails() {
        SdkSigner.Wire create = signer.sign("POST", "/model-invocation-job", BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("j1", "j2").getBytes(StandardCharsets.UTF_8);
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, create, hash(tampered));
        // the same with the (signed) payload-hash header changed to match the tampered body
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, create.withHeader("x-amz-content-sha256",
                hash(tampered)), hash(tampered));
    }

    /**
     * boto3's form (provider-apis.md §7.7: SignedHeaders without a payload-hash header), as the AWS SigV4 test
     * suite's post-vanilla case: service "service", key AKIDEXAMPLE, 20150830T123600Z, an empty body.
     */
    @Test
    void withoutAPayloadHashHeader() {
        SdkSigner.Wire postVanilla = new SdkSigner.Wire("POST", "/", List.of(
                SigV4TestSuiteTest.header("Host", "example.amazonaws.com"),
                SigV4TestSuiteTest.header("X-Amz-Date", "20150830T123600Z"),
                SigV4TestSuiteTest.header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
                        + "service/aws4_request, SignedHeaders=host;x-amz-date, Signature="
                        + "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")));
        SigV4Verifier suite = new SigV4Verifier(ApiKeys.parse("AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                "service", Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC));
        assertEquals("AKIDEXAMPLE", suite.verify(postVanilla.request(), Sha256.EMPTY_HEX).keyId());
        // a body arrived that was not the one signed
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, postVanilla, hash(BODY), suite);
        // the S3 form keeps requiring x-amz-content-sha256
        SigV4Exception s3Form = assertThrows(SigV4Exception.class, () -> suite.verify(postVanilla.request()));
        assertEquals(SigV4Failure.INVALID_REQUEST, s3Form.failure());
    }

    @Test
    void aPayloadHashHeaderMustMatchTheBody() {
        SdkSigner.Wire declared = signer.header("x-amz-content-sha256", hash(BODY))
                .sign("POST", "/model-invocation-job", BODY);
        verifier(signer.time()).verify(declared.request(), hash(BODY));
        byte[] other = "{}".getBytes(StandardCharsets.UTF_8);
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, declared, hash(other));
    }

    @Test
    void aWrongSecretFails() {
        SdkSigner.Wire request = new SdkSigner(KEY_ID, "not-the-secret").service("bedrock").region("us-east-1")
                .serviceStyle().at(signer.time()).sign("POST", "/model-invocation-job", BODY);
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, request, hash(BODY));
    }

    @Test
    void anUnknownKeyIdFails() {
        SdkSigner.Wire request = new SdkSigner("AKIAIOSFODNN7EXAMPLE", SECRET).service("bedrock").region("us-east-1")
                .serviceStyle().at(signer.time()).sign("POST", "/model-invocation-job", BODY);
        assertFailure(SigV4Failure.INVALID_ACCESS_KEY_ID, request, hash(BODY));
    }

    @Test
    void aSignatureForAnotherServiceFails() {
        SdkSigner.Wire forS3 = new SdkSigner(KEY_ID, SECRET).service("s3").region("us-east-1").serviceStyle()
                .sign("POST", "/model-invocation-job", BODY);
        assertFailure(SigV4Failure.AUTHORIZATION_HEADER_MALFORMED, forS3, hash(BODY));
        SdkSigner.Wire forBedrockRuntime = new SdkSigner(KEY_ID, SECRET).service("bedrock-runtime").serviceStyle()
                .sign("POST", "/model-invocation-job", BODY);
        assertFailure(SigV4Failure.AUTHORIZATION_HEADER_MALFORMED, forBedrockRuntime, hash(BODY));
    }

    @Test
    void anyChangeToWhatWasSignedFails() {
        SdkSigner.Wire get = signer.sign("GET", ARN_PATH, null);
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, get.withTarget(ARN_PATH.replace("abcdefghijkl",
                "abcdefghijkm")), Sha256.EMPTY_HEX);
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, get.withMethod("DELETE"), Sha256.EMPTY_HEX);
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, get.withHeader("Host", "evil.example:8080"),
                Sha256.EMPTY_HEX);
    }

    @Test
    void headersAddedAfterSigningAreTolerated() {
        SdkSigner.Wire get = signer.sign("GET", ARN_PATH, null);
        // x-model-provider is set after signing by boto3 and the JS middleware (client-wire.md §0)
        verifier(signer.time()).verify(get.withHeader("x-model-provider", "bedrock")
                .withHeader("x-amz-user-agent", "added-later").request(), Sha256.EMPTY_HEX);
    }

    @Test
    void theRequestTimeMayBeFiveMinutesOffAndNoMore() {
        SdkSigner.Wire get = signer.sign("GET", ARN_PATH, null);
        verifier(signer.time().plus(Duration.ofMinutes(4))).verify(get.request(), Sha256.EMPTY_HEX);
        verifier(signer.time().minus(Duration.ofMinutes(4))).verify(get.request(), Sha256.EMPTY_HEX);
        assertFailure(SigV4Failure.REQUEST_TIME_TOO_SKEWED, get, Sha256.EMPTY_HEX,
                verifier(signer.time().plus(Duration.ofMinutes(6))));
        assertFailure(SigV4Failure.REQUEST_TIME_TOO_SKEWED, get, Sha256.EMPTY_HEX,
                verifier(signer.time().minus(Duration.ofMinutes(6))));
    }

    @Test
    void noAuthorizationFails() {
        SdkSigner.Wire get = signer.sign("GET", ARN_PATH, null).withHeader("Authorization", null);
        assertFailure(SigV4Failure.ACCESS_DENIED, get, Sha256.EMPTY_HEX);
    }

    @Test
    void thePayloadHashMustBeAHash() {
        SdkSigner.Wire get = signer.sign("GET", ARN_PATH, null);
        assertThrows(IllegalArgumentException.class, () -> verifier(signer.time()).verify(get.request(), "UNSIGNED"));
    }

    @Test
    void dotSegmentsAreResolvedBeforeTheSecondEncoding() {
        assertEquals("/a/c%253A", CanonicalRequest.normalizedDoubleEncodedUri("/a/b/../c%3A"));
        assertEquals("/a/", CanonicalRequest.normalizedDoubleEncodedUri("/a/./b/.."));
        assertEquals("/", CanonicalRequest.normalizedDoubleEncodedUri(""));
        assertTrue(CanonicalRequest.normalizedDoubleEncodedUri(ARN_PATH).contains("%253A"));
    }

    private SigV4Exception assertFailure(SigV4Failure expected, SdkSigner.Wire request, String payloadHash) {
        return assertFailure(expected, request, payloadHash, verifier(signer.time()));
    }

    private static SigV4Exception assertFailure(SigV4Failure expected, SdkSigner.Wire request, String payloadHash,
            SigV4Verifier verifier) {
        SigV4Exception failure = assertThrows(SigV4Exception.class,
                () -> verifier.verify(request.request(), payloadHash));
        assertEquals(expected, failure.failure(), failure.getMessage());
        return failure;
    }

    private static String hash(byte[] body) {
        return Sha256.hex(Sha256.newDigest().digest(body));
    }

    private static SigV4Verifier verifier(Instant now) {
        return new SigV4Verifier(KEYS, "bedrock", Clock.fixed(now, ZoneOffset.UTC));
    }
}
