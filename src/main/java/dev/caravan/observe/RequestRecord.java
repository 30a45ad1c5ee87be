package dev.caravan.observe;

/**
 * The facts gathered about one HTTP request while it is served. Written by the Vert.x event loop (start, end) and by
 * the route's worker thread (provider, operation, ids), hence volatile; each field is written once or overwritten
 * with a more specific value.
 */
public final class RequestRecord {

    private final String requestId;
    private final String surface;
    private final String method;
    private final String path;
    private final long startNanos;
    private volatile String provider;
    private volatile String operation;
    private volatile String subjectId;
    private volatile String upstreamError;
    private volatile String createdStatus;

    /** {@code path} without the query string, where presigned URLs would carry their signatures. */
    public RequestRecord(String requestId, String surface, String method, String path, long startNanos) {
        this.requestId = requestId;
        this.surface = surface;
        this.method = method;
        this.path = path;
        this.startNanos = startNanos;
    }

    public String requestId() {
        return requestId;
    }

    public String surface() {
        return surface;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public long startNanos() {
        return startNanos;
    }

    public String provider() {
        return provider;
    }

    public String operation() {
        return operation;
    }

    public String subjectId() {
        return subjectId;
    }

    /** The ErrorKind of an upstream failure (UPSTREAM_ERROR, UPSTREAM_TIMEOUT, …), or null. */
    public String upstreamError() {
        return upstreamError;
    }

    void provider(String provider) {
        this.provider = provider;
    }

    void operation(String operation) {
        this.operation = operation;
    }

    void subjectId(String subjectId) {
        this.subjectId = subjectId;
    }

    void upstreamError(String kind) {
        this.upstreamError = kind;
    }

    /** The status a batch or job was created in ({@code validating}, {@code Submitted}…), or null. */
    public String createdStatus() {
        return createdStatus;
    }

    void createdStatus(String status) {
        this.createdStatus = status;
    }
}
