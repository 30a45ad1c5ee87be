package dev.caravan.jsonl.anthropic;

/** The HTTP status of each Anthropic error type (provider-apis.md §3.5), for errored batch results. */
final class AnthropicErrorType {

    private AnthropicErrorType() {
    }

    /** A type this code does not know is taken as the API's own failure, as {@code api_error} is. */
    static int httpStatus(String type) {
        switch (type) {
            case "invalid_request_error":
                return 400;
            case "authentication_error":
                return 401;
            case "billing_error":
                return 402;
            case "permission_error":
                return 403;
            case "not_found_error":
                return 404;
            case "request_too_large":
                return 413;
            case "rate_limit_error":
                return 429;
            case "timeout_error":
                return 504;
            case "overloaded_error":
                return 529;
            default:
                return 500;
        }
    }
}
