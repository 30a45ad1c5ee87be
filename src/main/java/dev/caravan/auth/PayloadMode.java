package dev.caravan.auth;

import java.util.Optional;

/** What {@code x-amz-content-sha256} says about the body (provider-apis.md §7.7). */
public enum PayloadMode {
    /** The body's hex SHA-256: the body must hash to exactly that. */
    SIGNED_HASH(null, false, false),
    UNSIGNED("UNSIGNED-PAYLOAD", false, false),
    /** aws-chunked with a signature on every chunk, chained from the request's signature. */
    STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true, false),
    /** The same, plus a signed trailer. */
    STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true, true),
    /** aws-chunked without signatures, with a trailer (boto3 over https). */
    STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER", false, false);

    private final String value;
    private final boolean signedChunks;
    private final boolean signedTrailer;

    PayloadMode(String value, boolean signedChunks, boolean signedTrailer) {
        this.value = value;
        this.signedChunks = signedChunks;
        this.signedTrailer = signedTrailer;
    }

    /**
     * The mode of a header value; empty for anything else, the SigV4a ({@code STREAMING-AWS4-ECDSA-…}) variants
     * included: Caravan's keys are HMAC secrets, so nothing signed with ECDSA can be checked against them.
     */
    public static Optional<PayloadMode> of(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        if (Sha256.parseHex(headerValue) != null) {
            return Optional.of(SIGNED_HASH);
        }
        for (PayloadMode mode : values()) {
            if (headerValue.equals(mode.value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    public boolean signedChunks() {
        return signedChunks;
    }

    public boolean signedTrailer() {
        return signedTrailer;
    }
}
