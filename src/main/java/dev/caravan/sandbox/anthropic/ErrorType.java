package dev.caravan.sandbox.anthropic;

/**
 * The error types of Anthropic's error envelope and the HTTP status each is answered with (provider-apis.md §3.5).
 * The same types appear inside an {@code errored} batch result, where no status is sent.
 */
enum ErrorType {
    INVALID_REQUEST("invalid_request_error", 400),
    AUTHENTICATION("authentication_error", 401),
    PERMISSION("permission_error", 403),
    NOT_FOUND("not_found_error", 404),
    // not in the SDK's ErrorType enum, but what the API answers to a body over its size limit
    REQUEST_TOO_LARGE("request_too_large", 413),
    RATE_LIMIT("rate_limit_error", 429),
    API("api_error", 500),
    OVERLOADED("overloaded_error", 529);

    private final String wireName;
    private final int status;

    ErrorType(String wireName, int status) {
        this.wireName = wireName;
        this.status = status;
    }

    String wireName() {
        return wireName;
    }

    int status() {
        return status;
    }

    /**
     * The type an injected fault of {@code status} is answered with: 429 and 529 have their own, other 5xx are the
     * API's own failure, and any other 4xx is an invalid request.
     */
    static ErrorType forFault(int status) {
        for (ErrorType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? API : INVALID_REQUEST;
    }
}
