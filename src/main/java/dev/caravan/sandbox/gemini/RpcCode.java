package dev.caravan.sandbox.gemini;

/**
 * The google.rpc codes the emulator answers with, each with the HTTP status Google's REST mapping gives it
 * (provider-apis.md §4.5). The envelope carries the HTTP status and the name:
 * {@code {"error":{"code":<http>,"message","status":<name>}}}.
 */
enum RpcCode {
    CANCELLED(1, 499),
    INVALID_ARGUMENT(3, 400),
    DEADLINE_EXCEEDED(4, 504),
    NOT_FOUND(5, 404),
    ALREADY_EXISTS(6, 409),
    PERMISSION_DENIED(7, 403),
    RESOURCE_EXHAUSTED(8, 429),
    FAILED_PRECONDITION(9, 400),
    INTERNAL(13, 500),
    UNAVAILABLE(14, 503),
    UNAUTHENTICATED(16, 401);

    private final int number;
    private final int httpStatus;

    RpcCode(int number, int httpStatus) {
        this.number = number;
        this.httpStatus = httpStatus;
    }

    /** The google.rpc.Code number, as an Operation's {@code error.code} carries it. */
    int number() {
        return number;
    }

    int httpStatus() {
        return httpStatus;
    }

    /** An injected fault's code: the one Google answers that HTTP status with. */
    static RpcCode forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 429 -> RESOURCE_EXHAUSTED;
            case 503 -> UNAVAILABLE;
            case 504 -> DEADLINE_EXCEEDED;
            default -> status >= 500 ? INTERNAL : INVALID_ARGUMENT;
        };
    }
}
