package dev.caravan.model;

/**
 * The one error type surfaces render. {@code status} is the HTTP status to answer with: the kind's default, or the
 * upstream's own status when an upstream error is passed through. {@code code}/{@code type} carry the upstream's
 * error code and type where it had them, so the surface can keep them.
 */
public final class GatewayError extends RuntimeException {

    private final ErrorKind kind;
    private final int status;
    private final String param;
    private final String code;
    private final String type;

    public GatewayError(ErrorKind kind, int status, String message, String param, String code, String type) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.param = param;
        this.code = code;
        this.type = type;
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
}
