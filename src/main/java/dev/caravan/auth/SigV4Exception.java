package dev.caravan.auth;

/**
 * A refused SigV4 authentication. The message is S3's wording for the failure and never carries a signature, a
 * secret, a key id or a header value, so it is safe in an error body and in a log line.
 */
public final class SigV4Exception extends RuntimeException {

    private final SigV4Failure failure;

    public SigV4Exception(SigV4Failure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    public SigV4Failure failure() {
        return failure;
    }
}
