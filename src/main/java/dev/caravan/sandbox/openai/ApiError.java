package dev.caravan.sandbox.openai;

/**
 * Thrown by handlers to answer with an HTTP status and OpenAI's error envelope; {@link Replies} renders it.
 * No stack trace: these are expected outcomes, not bugs.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final OpenAiError error;

    ApiError(int status, OpenAiError error) {
        super(error.message(), null, false, false);
        this.status = status;
        this.error = error;
    }

    static ApiError badRequest(String message, String param, String code) {
        return new ApiError(400, OpenAiError.invalidRequest(message, param, code));
    }

    static ApiError missingParameter(String param) {
        return new ApiError(400, OpenAiError.missingParameter(param));
    }

    static ApiError unrecognizedArgument(String name) {
        return badRequest("Unrecognized request argument supplied: " + name, name, null);
    }

    static ApiError fileNotFound(String id) {
        return new ApiError(404, OpenAiError.invalidRequest("No such File object: " + id, "id", null));
    }

    static ApiError batchNotFound(String id) {
        return new ApiError(404, OpenAiError.invalidRequest("No such Batch object: " + id, "id", null));
    }

    int status() {
        return status;
    }

    OpenAiError error() {
        return error;
    }
}
