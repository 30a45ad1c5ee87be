package dev.caravan.surface.s3.body;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;

/** The S3 error codes a request body can fail with: 400 on real S3, but 403 for a chunk signature that fails. */
enum S3BodyError {
    BAD_DIGEST("BadDigest", ErrorKind.INVALID_REQUEST, 400),
    INVALID_DIGEST("InvalidDigest", ErrorKind.INVALID_REQUEST, 400),
    INVALID_REQUEST("InvalidRequest", ErrorKind.INVALID_REQUEST, 400),
    INCOMPLETE_BODY("IncompleteBody", ErrorKind.INVALID_REQUEST, 400),
    // TOO_LARGE names the problem for the provider-neutral surfaces, but S3 itself answers 400, not 413.
    ENTITY_TOO_LARGE("EntityTooLarge", ErrorKind.TOO_LARGE, 400),
    /** The body does not hash to the signed x-amz-content-sha256. */
    CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", ErrorKind.INVALID_REQUEST, 400),
    /** The client stopped sending its body (S3's own answer to a stalled upload). */
    REQUEST_TIMEOUT("RequestTimeout", ErrorKind.INVALID_REQUEST, 400),
    /** A chunk or trailer signature of a signed aws-chunked body is missing or wrong. */
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", ErrorKind.UNAUTHORIZED, 403);

    static final String INCOMPLETE_BODY_MESSAGE =
            "You did not provide the number of bytes specified by the Content-Length HTTP header.";

    private final String code;
    private final ErrorKind kind;
    private final int status;

    S3BodyError(String code, ErrorKind kind, int status) {
        this.code = code;
        this.kind = kind;
        this.status = status;
    }

    GatewayError error(String message, String param) {
        return new GatewayError(kind, status, message, param, code, null);
    }
}
