package dev.caravan.model;

/** Provider-neutral error kinds; each surface renders them in its own envelope with this default status. */
public enum ErrorKind {
    NOT_MODIFIED(304),
    INVALID_REQUEST(400),
    UNAUTHORIZED(401),
    NOT_FOUND(404),
    CONFLICT(409),
    PRECONDITION_FAILED(412),
    TOO_LARGE(413),
    UNSUPPORTED(400),
    UPSTREAM_ERROR(502),
    UPSTREAM_UNAVAILABLE(502),
    UPSTREAM_TIMEOUT(504),
    /** Caravan's circuit breaker for the provider is open: the call was refused without reaching the upstream. */
    UPSTREAM_CIRCUIT_OPEN(503),
    INTERNAL(500);

    private final int status;

    ErrorKind(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
