package dev.caravan.model;

import java.util.regex.Pattern;

/**
 * The one error type surfaces render. {@code status} is the HTTP status to answer with: the kind's default, or the
 * upstream's own status when an upstream error is passed through. {@code code}/{@code type} carry the upstream's
 * error code and type where it had them, so the surface can keep them; {@code retryAfter} is the upstream's
 * {@code Retry-After} value, as it sent it, so a caller told to slow down hears how long for.
 */
public final class GatewayError extends RuntimeException {

    /** Delta seconds ("30") or an IMF-fixdate ("Wed, 21 Oct 2015 07:28:00 GMT"), RFC 9110 §10.2.3. */
    private static final Pattern RETRY_AFTER = Pattern.compile("[0-9]{1,10}|[A-Za-z]{3}, [0-9]{2} [A-Za-z]{3} "
            + "[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT");

    private final ErrorKind kind;
    private final int status;
    private final String param;
    private final String code;
    private final String type;
    private final String retryAfter;

    public GatewayError(ErrorKind kind, int status, String message, String param, String code, String type) {
        this(kind, status, message, param, code, type, null);
    }

    private GatewayError(ErrorKind kind, int status, String message, String param, String code, String type,
                         String retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.param = param;
        this.code = code;
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public static GatewayError of(ErrorKind kind, String message) {
        return new GatewayError(kind, kind.status(), message, null, null, null);
    }

    public static GatewayError invalid(String param, String message) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, message, param, null, null);
    }

    public static GatewayError notFound(String param, String message) {
        return new GatewayError(ErrorKind.NOT_FOUND, 404, message, param, null, null);
    }

    /** An error answered by the upstream itself: its status, message, code and type are kept. */
    public static GatewayError upstream(int status, String message, String param, String code, String type) {
        ErrorKind kind = switch (status) {
            case 400, 422 -> ErrorKind.INVALID_REQUEST;
            case 401, 403 -> ErrorKind.UNAUTHORIZED;
            case 404 -> ErrorKind.NOT_FOUND;
            case 409 -> ErrorKind.CONFLICT;
            case 412 -> ErrorKind.PRECONDITION_FAILED;
            case 413 -> ErrorKind.TOO_LARGE;
            default -> ErrorKind.UPSTREAM_ERROR;
        };
        return new GatewayError(kind, status, message, param, code, type);
    }

    /**
     * The same error, carrying the upstream's {@code Retry-After} header value. Null, blank, or anything that is not
     * shaped like delta seconds or an HTTP date (it is written back into a response header) means none.
     */
    public GatewayError withRetryAfter(String value) {
        String kept = value == null || !RETRY_AFTER.matcher(value.trim()).matches() ? null : value.trim();
        return new GatewayError(kind, status, getMessage(), param, code, type, kept);
    }

    public ErrorKind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    public String type() {
        return type;
    }

    /** The upstream's {@code Retry-After} (delta seconds or an HTTP date), or null when it sent none. */
    public String retryAfter() {
        return retryAfter;
    }
}
