package dev.caravan.surface.s3.body;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;

/** The S3 error codes a request body can fail with; all of them are 400 on real S3. */
enum S3BodyError {
    BAD_DIGEST("BadDigest", ErrorKind.INVALID_REQUEST),
    INVALID_DIGEST("InvalidDigest", ErrorKind.INVALID_REQUEST),
    INVALID_REQUEST("InvalidRequest", ErrorKind.INVALID_REQUEST),
    INCOMPLETE_BODY("IncompleteBody", ErrorKind.INVALID_REQUEST),
    // TOO_LARGE names the problem for the provider-neutral surfaces, but S3 itself answers 400, not 413.
    ENTITY_TOO_LARGE("EntityTooLarge", ErrorKind.TOO_LARGE);

    static final String INCOMPLETE_BODY_MESSAGE =
            "You did not provide the number of bytes specified by the Content-Length HTTP header.";

    private final String code;
    private final ErrorKind kind;

    S3BodyError(String code, ErrorKind kind) {
        this.code = code;
        this.kind = kind;
    }

    GatewayError error(String message, String param) {
        return new GatewayError(kind, 400, message, param, code, null);
    }
}
