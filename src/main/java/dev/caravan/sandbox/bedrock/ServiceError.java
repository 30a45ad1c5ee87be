package dev.caravan.sandbox.bedrock;

/**
 * A rest-json error answer (provider-apis.md §6.6): the HTTP status, the {@code x-amzn-ErrorType} code and the
 * {@code {"message"}} body. Thrown by handlers, rendered by {@link Replies}; no stack trace, these are outcomes.
 */
final class ServiceError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    ServiceError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static ServiceError validation(String message) {
        return new ServiceError(400, "ValidationException", message);
    }

    /** 400, not 409: the service model gives ConflictException no other status. */
    static ServiceError conflict(String message) {
        return new ServiceError(400, "ConflictException", message);
    }

    static ServiceError notFound(String message) {
        return new ServiceError(404, "ResourceNotFoundException", message);
    }

    /** What AWS's rest-json services answer to a body that is not JSON or has a member of the wrong JSON type. */
    static ServiceError serialization(String message) {
        return new ServiceError(400, "SerializationException", message);
    }

    static ServiceError unknownOperation() {
        return new ServiceError(404, "UnknownOperationException", null);
    }

    static ServiceError internal() {
        return new ServiceError(500, "InternalServerException", "Internal server error");
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
