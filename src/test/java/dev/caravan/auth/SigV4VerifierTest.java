package dev.caravan.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What SigV4Verifier accepts and refuses, with requests signed by the AWS SDK's own signer and then altered the way
 * a proxy, a client's middleware or an attacker would alter them.
 */
class SigV4VerifierTest {

    private static final String KEY_ID = "caravan-team-a";
    private static final String SECRET = "9Zq3x/Tr8hKvLw2pYbN4mE7sJdUfGa1cR5oXiQ0H";
    private static final ApiKeys KEYS = ApiKeys.parse(KEY_ID + ":" + SECRET + ",caravan-team-b:another-secret-b");
    private static final byte[] BODY = "{\"recordId\":\"1\",\"modelInput\":{}}\n".getBytes(StandardCharsets.UTF_8);

    private final SdkSigner signer = new SdkSigner(KEY_ID, SECRET);

    @Test
    void theSdkSignaturesVerify() {
        SdkSigner.Wire get = signer.sign("GET", "/bedrock/files/bkt/in/a%20b%2B1.jsonl", null);
        VerifiedRequest verified = verifier(signer.time()).verify(get.request());
        assertEquals(KEY_ID, verified.keyId());
        assertEquals(PayloadMode.SIGNED_HASH, verified.payloadMode());
        assertEquals(Sha256.EMPTY_HEX, get.header("x-amz-content-sha256"));

        SdkSigner.Wire put = signer.sign("PUT", "/bedrock/files/bkt/in/batch.jsonl", BODY);
        assertEquals(Sha256.hex(Sha256.newDigest().digest(BODY)), put.header("x-amz-content-sha256"));
        verifier(signer.time()).verify(put.request());

        SdkSigner.Wire list = signer.sign("GET", "/bedrock/files/bkt?list-type=2&prefix=in%2F&encoding-type=url",
                null);
        verifier(signer.time()).verify(list.request());
    }

    @Test
    void anyRegionIsAccepted() {
        SdkSigner.Wire request = signer.region("eu-central-1").sign("GET", "/bedrock/files/bkt/k", null);
        assertNotNull(verifier(signer.time()).verify(request.request()));
    }

    @Test
    void aHeaderAddedAfterSigningIsToleratedUnlessItIsAnAmzHeader() {
        SdkSigner.Wire request = signer.sign("GET", "/bedrock/files/bkt/k", null);
        // boto3's before-send hook and the JS middleware add x-model-provider after signing (client-wire.md §0)
        verifier(signer.time()).verify(request.withHeader("x-model-provider", "bedrock").request());
        assertFailure(SigV4Failure.ACCESS_DENIED, request.withHeader("x-amz-meta-owner", "mallory"));
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch() {
        SdkSigner.Wire request = new SdkSigner(KEY_ID, "not-the-secret").at(signer.time())
                .sign("GET", "/bedrock/files/bkt/k", null);
        SigV4Exception failure = assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, request);
        assertEquals(SigV4Verifier.SIGNATURE_MISMATCH, failure.getMessage());
    }

    @Test
    void anyChangeToWhatWasSignedIsSignatureDoesNotMatch() {
        SdkSigner.Wire request = signer.header("Range", "bytes=0-9").sign("GET", "/bedrock/files/bkt/k?x-id=GetObject",
                null);
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, request.withHeader("Range", "bytes=0-99"));
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, request.withTarget("/bedrock/files/bkt/other"));
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH,
                request.withTarget("/bedrock/files/bkt/k?x-id=GetObject&uploads"));
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, request.withMethod("DELETE"));
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, request.withHeader("Host", "evil.example:8080"));
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH,
                request.withHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
    }

    @Test
    void anUnknownKeyIdIsInvalidAccessKeyId() {
        SdkSigner.Wire request = new SdkSigner("AKIAIOSFODNN7EXAMPLE", SECRET).at(signer.time())
                .sign("GET", "/bedrock/files/bkt/k", null);
        assertFailure(SigV4Failure.INVALID_ACCESS_KEY_ID, request);
    }

    @Test
    void noCredentialsAtAllIsAccessDenied() {
        SdkSigner.Wire request = signer.sign("GET", "/bedrock/files/bkt/k", null).withHeader("Authorization", null);
        assertFailure(SigV4Failure.ACCESS_DENIED, request);
    }

    @Test
    void theRequestTimeMayBeFifteenMinutesOffAndNoMore() {
        SdkSigner.Wire request = signer.sign("GET", "/bedrock/files/bkt/k", null);
        verifier(signer.time().plus(Duration.ofMinutes(14))).verify(request.request());
        verifier(signer.time().minus(Duration.ofMinutes(14))).verify(request.request());
        SigV4Exception late = assertThrows(SigV4Exception.class,
                () -> verifier(signer.time().plus(Duration.ofMinutes(16))).verify(request.request()));
        assertEquals(SigV4Failure.REQUEST_TIME_TOO_SKEWED, late.failure());
        SigV4Exception early = assertThrows(SigV4Exception.class,
                () -> verifier(signer.time().minus(Duration.ofMinutes(16))).verify(request.request()));
        assertEquals(SigV4Failure.REQUEST_TIME_TOO_SKEWED, early.failure());
    }

    @Test
    void theScopeMustBeForTheDayOfXAmzDateAndForS3() {
        SdkSigner.Wire request = signer.sign("GET", "/bedrock/files/bkt/k", null);
        String nextDay = request.header("x-amz-date").replace("20260301", "20260302");
        assertFailure(SigV4Failure.AUTHORIZATION_HEADER_MALFORMED, request.withHeader("X-Amz-Date", nextDay),
                verifier(signer.time().plus(Duration.ofDays(1))));
        SdkSigner.Wire bedrock = signer.service("bedrock").sign("GET", "/bedrock/files/bkt/k", null);
        assertFailure(SigV4Failure.AUTHORIZATION_HEADER_MALFORMED, bedrock);
    }

    @Test
    void s3NeedsXAmzContentSha256AndOnlyKnowsItsValues() {
        SdkSigner.Wire request = signer.sign("GET", "/bedrock/files/bkt/k", null);
        assertFailure(SigV4Failure.INVALID_REQUEST, request.withHeader("x-amz-content-sha256", null));
        assertFailure(SigV4Failure.INVALID_ARGUMENT,
                request.withHeader("x-amz-content-sha256", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"));
    }

    @Test
    void malformedOrForeignAuthorizationHeaders() {
        SdkSigner.Wire request = signer.sign("GET", "/bedrock/files/bkt/k", null);
        assertFailure(SigV4Failure.INVALID_REQUEST,
                request.withHeader("Authorization", "AWS " + KEY_ID + ":c2lnbmF0dXJl"));
        assertFailure(SigV4Failure.INVALID_REQUEST, request.withHeader("Authorization", "Bearer " + SECRET));
        assertFailure(SigV4Failure.AUTHORIZATION_HEADER_MALFORMED,
                request.withHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY_ID));
        String authorization = request.header("Authorization");
        assertFailure(SigV4Failure.AUTHORIZATION_HEADER_MALFORMED, request.withHeader("Authorization",
                authorization.replace("SignedHeaders=host;", "SignedHeaders=")));
        assertFailure(SigV4Failure.AUTHORIZATION_HEADER_MALFORMED, request.withHeader("Authorization",
                authorization.replaceAll("Signature=[0-9a-f]+", "Signature=xyz")));
    }

    @Test
    void presignedUrlsVerifyUntilTheyExpire() {
        SdkSigner.Wire presigned = signer.presigned(Duration.ofMinutes(60)).sign("GET", "/bedrock/files/bkt/k", null);
        assertTrue(presigned.target().contains("X-Amz-Signature="), presigned.target());
        VerifiedRequest verified = verifier(signer.time().plus(Duration.ofMinutes(59))).verify(presigned.request());
        assertEquals(PayloadMode.UNSIGNED, verified.payloadMode());
        SigV4Exception expired = assertThrows(SigV4Exception.class,
                () -> verifier(signer.time().plus(Duration.ofMinutes(61))).verify(presigned.request()));
        assertEquals(SigV4Failure.ACCESS_DENIED, expired.failure());
        assertEquals("Request has expired", expired.getMessage());
        assertFailure(SigV4Failure.SIGNATURE_DOES_NOT_MATCH,
                presigned.withTarget(presigned.target().replace("/k?", "/other?")));
        assertFailure(SigV4Failure.INVALID_ARGUMENT, presigned.withHeader("Authorization", "AWS4-HMAC-SHA256 x"));
    }

    @Test
    void failuresNeverEchoTheSignatureTheKeyIdOrTheSecret() {
        SdkSigner.Wire wrong = new SdkSigner(KEY_ID, "not-the-secret").at(signer.time())
                .sign("GET", "/bedrock/files/bkt/k", null);
        SigV4Exception failure = assertThrows(SigV4Exception.class, () -> verifier(signer.time())
                .verify(wrong.request()));
        String signature = wrong.header("Authorization").replaceAll(".*Signature=", "");
        assertFalse(failure.getMessage().contains(signature));
        assertFalse(failure.getMessage().contains(KEY_ID));
        assertFalse(failure.getMessage().contains(SECRET));
        assertFalse(wrong.request().toString().contains(signature));
    }

    private SigV4Exception assertFailure(SigV4Failure expected, SdkSigner.Wire request) {
        return assertFailure(expected, request, verifier(signer.time()));
    }

    private static SigV4Exception assertFailure(SigV4Failure expected, SdkSigner.Wire request, SigV4Verifier verifier) {
        SigV4Exception failure = assertThrows(SigV4Exception.class, () -> verifier.verify(request.request()));
        assertEquals(expected, failure.failure(), failure.getMessage());
        return failure;
    }

    private static SigV4Verifier verifier(Instant now) {
        return new SigV4Verifier(KEYS, "s3", Clock.fixed(now, ZoneOffset.UTC));
    }
}
