package dev.caravan.sandbox.anthropic;

/**
 * Thrown to answer a request with Anthropic's error envelope; {@link Replies} renders it. No stack trace: these are
 * expected outcomes, not bugs.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final ErrorType type;

    ApiError(ErrorType type, String message) {
        this(type.status(), type, message);
    }

    /** For injected faults, whose status (e.g. 503) need not be the type's usual one. */
    ApiError(int status, ErrorType type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static ApiError invalid(String message) {
        return new ApiError(ErrorType.INVALID_REQUEST, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(ErrorType.NOT_FOUND, message);
    }

    /** UNCONFIRMED wording; the real API's message for an unknown batch id was not captured. */
    static ApiError batchNotFound(String id) {
        return notFound("Message batch " + id + " not found.");
    }

    int status() {
        return status;
    }

    ErrorType type() {
        return type;
    }
}
