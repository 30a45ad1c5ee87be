package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * An answer in Google's error envelope {@code {"error":{"code","message","status","details"?}}}
 * (provider-apis.md §4.5), thrown wherever a request is refused. The HTTP status is the code's REST mapping unless
 * given (an injected fault keeps the status it was injected with).
 */
final class ApiError extends RuntimeException {

    private final int httpStatus;
    private final RpcCode code;
    private final transient ArrayNode details;

    ApiError(int httpStatus, RpcCode code, String message, ArrayNode details) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.details = details;
    }

    ApiError(RpcCode code, String message) {
        this(code.httpStatus(), code, message, null);
    }

    static ApiError invalid(String message) {
        return new ApiError(RpcCode.INVALID_ARGUMENT, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(RpcCode.NOT_FOUND, message);
    }

    static ApiError failedPrecondition(String message) {
        return new ApiError(RpcCode.FAILED_PRECONDITION, message);
    }

    static ApiError internal(String message) {
        return new ApiError(RpcCode.INTERNAL, message);
    }

    int httpStatus() {
        return httpStatus;
    }

    RpcCode code() {
        return code;
    }

    /** The envelope's {@code details}, or null for none. */
    ArrayNode details() {
        return details;
    }
}
