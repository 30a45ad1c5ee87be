package dev.caravan.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a request's AWS Signature Version 4 against Caravan's API keys (provider-apis.md §7.7), the way S3 does:
 * the Authorization header or a presigned URL; the credential scope (date the same day as X-Amz-Date, the expected
 * service, any region); the time (within 15 minutes, or within a presigned URL's lifetime); every {@code x-amz-*}
 * header signed; then the signature itself, in constant time. Headers outside SignedHeaders, such as
 * {@code x-model-provider} that clients add after signing (client-wire.md §0), are simply not covered.
 *
 * <p>The body is not read here: for a hex {@code x-amz-content-sha256} the caller must check that the body hashes to
 * it, and for signed aws-chunked bodies it must check every chunk with {@link VerifiedRequest#chunkSignatures()}.
 */
public final class SigV4Verifier {

    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your key and signing method.";

    private final ApiKeys keys;
    private final String service;
    private final Clock clock;

    /** @param service the signing name the scope must carry: {@code s3} for the files API */
    public SigV4Verifier(ApiKeys keys, String service, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws SigV4Exception when the request is not signed by one of the keys, with S3's code for why
     */
    public VerifiedRequest verify(SignedRequest request) {
        List<String> authorization = request.headers("authorization");
        boolean presigned = SigV4Authorization.isPresigned(request.rawQuery());
        if (authorization.isEmpty() && !presigned) {
            throw new SigV4Exception(SigV4Failure.ACCESS_DENIED, "Access Denied");
        }
        if (!authorization.isEmpty() && presigned) {
            throw new SigV4Exception(SigV4Failure.INVALID_ARGUMENT, "Only one auth mechanism allowed; only the "
                    + "X-Amz-Algorithm query parameter or the Authorization header should be specified");
        }
        if (authorization.size() > 1) {
            throw new SigV4Exception(SigV4Failure.AUTHORIZATION_HEADER_MALFORMED,
                    "The authorization header is malformed; it was sent more than once.");
        }
        SigV4Authorization claim = presigned
                ? SigV4Authorization.fromQuery(request.rawQuery())
                : SigV4Authorization.fromHeader(authorization.get(0), request.header("x-amz-date"));
        if (!claim.scope().service().equals(service)) {
            throw new SigV4Exception(presigned ? SigV4Failure.AUTHORIZATION_QUERY_PARAMETERS_ERROR
                    : SigV4Failure.AUTHORIZATION_HEADER_MALFORMED, "The authorization is malformed; incorrect service. "
                    + "This endpoint belongs to \"" + service + "\".");
        }
        String secret = keys.secretOf(claim.keyId()).orElseThrow(() -> new SigV4Exception(
                SigV4Failure.INVALID_ACCESS_KEY_ID,
                "The AWS Access Key Id you provided does not exist in our records."));
        checkTime(claim);
        PayloadMode mode = payloadMode(request, presigned);
        if (!presigned) {
            requireAmzHeadersSigned(request, claim);
        }
        String payload = presigned && request.header("x-amz-content-sha256") == null
                ? "UNSIGNED-PAYLOAD" : request.header("x-amz-content-sha256");
        CanonicalRequest canonical = CanonicalRequest.of(request.method(),
                CanonicalRequest.canonicalUri(request.rawPath()),
                CanonicalRequest.canonicalQuery(request.rawQuery(),
                        presigned ? SigV4Authorization.SIGNATURE_PARAMETER : null),
                claim.signedHeaders(), request::headers, payload);
        SigningKey key = SigningKey.derive(secret, claim.scope());
        String expected = key.sign(canonical.stringToSign(claim.amzDate(), claim.scope()));
        // Both are 64 lower-case hex digits here, so the comparison runs over equal lengths in constant time.
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                claim.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new SigV4Exception(SigV4Failure.SIGNATURE_DOES_NOT_MATCH, SIGNATURE_MISMATCH);
        }
        return new VerifiedRequest(claim.keyId(), mode, key, claim.amzDate(), claim.signature());
    }

    private void checkTime(SigV4Authorization claim) {
        Instant now = clock.instant();
        if (claim.presigned()) {
            if (now.isAfter(claim.time().plusSeconds(claim.expiresSeconds()))) {
                throw new SigV4Exception(SigV4Failure.ACCESS_DENIED, "Request has expired");
            }
            if (claim.time().isAfter(now.plus(MAX_SKEW))) {
                throw new SigV4Exception(SigV4Failure.ACCESS_DENIED, "Request is not valid yet");
            }
            return;
        }
        if (Duration.between(claim.time(), now).abs().compareTo(MAX_SKEW) > 0) {
            throw new SigV4Exception(SigV4Failure.REQUEST_TIME_TOO_SKEWED,
                    "The difference between the request time and the current time is too large.");
        }
    }

    /**
     * S3 requires x-amz-content-sha256 with header authentication, and only knows the values of {@link PayloadMode}.
     * A presigned URL need not send it (its payload is then UNSIGNED-PAYLOAD).
     */
    private static PayloadMode payloadMode(SignedRequest request, boolean presigned) {
        String value = request.header("x-amz-content-sha256");
        if (value == null) {
            if (presigned) {
                return PayloadMode.UNSIGNED;
            }
            throw new SigV4Exception(SigV4Failure.INVALID_REQUEST,
                    "Missing required header for this request: x-amz-content-sha256");
        }
        return PayloadMode.of(value).orElseThrow(() -> new SigV4Exception(SigV4Failure.INVALID_ARGUMENT,
                "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
                        + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid "
                        + "sha256 value."));
    }

    /**
     * As S3 does: an unsigned {@code x-amz-*} header (a checksum, metadata, a storage option) could have been added
     * or changed on the way without breaking the signature. Other unsigned headers are tolerated.
     */
    private static void requireAmzHeadersSigned(SignedRequest request, SigV4Authorization claim) {
        for (String name : request.headerNames()) {
            if (name.startsWith("x-amz-") && !claim.signedHeaders().contains(name)) {
                throw new SigV4Exception(SigV4Failure.ACCESS_DENIED,
                        "There were headers present in the request which were not signed");
            }
        }
    }
}
