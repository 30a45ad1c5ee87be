package dev.caravan.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
    /** How far off the request time may be for services other than S3 ({@link #verify(SignedRequest, String)}). */
    public static final Duration SERVICE_MAX_SKEW = Duration.ofMinutes(5);
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
        boolean presigned = SigV4Authorization.isPresigned(request.rawQuery());
        SigV4Authorization claim = claim(request, presigned);
        String secret = secretFor(claim);
        checkTime(claim, MAX_SKEW);
        PayloadMode mode = payloadMode(request, presigned);
        if (!presigned) {
            requireAmzHeadersSigned(request, claim);
        }
        String payload = presigned && request.header("x-amz-content-sha256") == null
                ? "UNSIGNED-PAYLOAD" : request.header("x-amz-content-sha256");
        return checkSignature(request, claim, secret, CanonicalRequest.canonicalUri(request.rawPath()), payload, mode);
    }

    /**
     * Verifies a request to a service that signs the hex SHA-256 of the body it sends, without requiring the
     * {@code x-amz-content-sha256} header (the Bedrock control plane and the other rest-json services: boto3 and the
     * Java SDK send no such header there, provider-apis.md §7.7). The caller has read the body and passes its hash;
     * when the header is present anyway it must equal that hash, so a body changed on the way never passes.
     *
     * <p>What differs from {@link #verify(SignedRequest)}, as AWS's services other than S3 do it: the canonical URI is
     * the path normalized and URI-encoded a second time ({@code %2F} inside an ARN is signed as {@code %252F}); the
     * request time may be off by {@link #SERVICE_MAX_SKEW} (5 minutes, the "Signature expired … - 5 min." window)
     * rather than S3's 15; unsigned {@code x-amz-*} headers are tolerated like any other unsigned header. For the
     * service {@code s3} the path is taken as sent, as S3 signs it.
     *
     * @param payloadSha256Hex the hex SHA-256 of the body as received ({@link Sha256#EMPTY_HEX} for none)
     * @throws SigV4Exception when the request is not signed by one of the keys, with the failure's kind
     */
    public VerifiedRequest verify(SignedRequest request, String payloadSha256Hex) {
        if (Sha256.parseHex(payloadSha256Hex) == null) {
            throw new IllegalArgumentException("payloadSha256Hex must be 64 hexadecimal digits");
        }
        String payload = payloadSha256Hex.toLowerCase(Locale.ROOT);
        boolean presigned = SigV4Authorization.isPresigned(request.rawQuery());
        SigV4Authorization claim = claim(request, presigned);
        String secret = secretFor(claim);
        checkTime(claim, SERVICE_MAX_SKEW);
        String declared = request.header("x-amz-content-sha256");
        if (declared != null && !declared.equalsIgnoreCase(payload)) {
            throw new SigV4Exception(SigV4Failure.SIGNATURE_DOES_NOT_MATCH,
                    "The provided x-amz-content-sha256 header does not match what was computed.");
        }
        String uri = service.equals("s3") ? CanonicalRequest.canonicalUri(request.rawPath())
                : CanonicalRequest.normalizedDoubleEncodedUri(request.rawPath());
        return checkSignature(request, claim, secret, uri, payload, PayloadMode.SIGNED_HASH);
    }

    /** Which authentication the request carries, parsed, and for this verifier's service. */
    private SigV4Authorization claim(SignedRequest request, boolean presigned) {
        List<String> authorization = request.headers("authorization");
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
        return claim;
    }

    private String secretFor(SigV4Authorization claim) {
        return keys.secretOf(claim.keyId()).orElseThrow(() -> new SigV4Exception(
                SigV4Failure.INVALID_ACCESS_KEY_ID,
                "The AWS Access Key Id you provided does not exist in our records."));
    }

    private static VerifiedRequest checkSignature(SignedRequest request, SigV4Authorization claim, String secret,
            String canonicalUri, String payload, PayloadMode mode) {
        CanonicalRequest canonical = CanonicalRequest.of(request.method(), canonicalUri,
                CanonicalRequest.canonicalQuery(request.rawQuery(),
                        claim.presigned() ? SigV4Authorization.SIGNATURE_PARAMETER : null),
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

    private void checkTime(SigV4Authorization claim, Duration maxSkew) {
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
        if (Duration.between(claim.time(), now).abs().compareTo(maxSkew) > 0) {
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
