package dev.caravan.surface.s3.body;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking {@link InputStream} over the body of a paused Vert.x {@link HttpServerRequest}, for a worker thread (Camel
 * platform-http with {@code useBodyHandler=false} hands the route exactly that).
 *
 * <p>Back-pressure by pause/resume: the request is resumed while fewer than {@code maxBufferedBytes} wait in the
 * queue, paused when that many are queued, and resumed again once the reader has drained it to half. So at most
 * {@code maxBufferedBytes} plus one network chunk (8 KiB for HTTP/1.x, 16 KiB for HTTP/2 by default) are queued here.
 * Every call on the request happens on the request's own context; the event loop only ever takes a short lock.
 *
 * <p>The first read() answers {@code Expect: 100-continue}, so a caller that rejects the request without reading its
 * body never makes the client send it. Not thread-safe for reading: one reader at a time.
 */
public final class RequestBodyStream extends InputStream {

    public static final int DEFAULT_MAX_BUFFERED_BYTES = 1 << 20;

    /**
     * What a reader is told when the body does not arrive whole, in the words of the surface it serves (a
     * {@code GatewayError}, so whoever streams the body reports the caller's fault, not the store's or provider's).
     */
    public interface Failures {

        /** The body ended early: the client went away, or Vert.x could not deliver it. */
        RuntimeException incomplete(IOException cause);

        /** No body data arrived for the idle timeout. */
        RuntimeException stalled();
    }

    /** S3's answers: IncompleteBody, and RequestTimeout for a stalled upload. */
    public static final Failures S3_FAILURES = new Failures() {
        @Override
        public RuntimeException incomplete(IOException cause) {
            return S3BodyError.INCOMPLETE_BODY.error("You did not provide the number of bytes specified by the "
                    + "Content-Length HTTP header (" + cause.getMessage() + ").", null);
        }

        @Override
        public RuntimeException stalled() {
            return S3BodyError.REQUEST_TIMEOUT.error("Your socket connection to the server was not read from or "
                    + "written to within the timeout period.", null);
        }
    };

    private final HttpServerRequest request;
    private final Context context;
    private final Duration idleTimeout;
    private final int maxBufferedBytes;
    private final Failures failures;
    private final byte[] single = new byte[1];

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock.
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long mostQueuedBytes;
    private boolean paused = true;
    private boolean resumeScheduled;
    private boolean ended;
    // Also read without the lock, so a close() from another thread stops the reader at its next read().
    private volatile boolean closed;
    private IOException failure;

    // Reader thread only.
    private boolean started;
    private Buffer current;
    private int currentPosition;

    /** With the default bound of {@value #DEFAULT_MAX_BUFFERED_BYTES} bytes and S3's failures. */
    public RequestBodyStream(HttpServerRequest request, Duration idleTimeout) {
        this(request, idleTimeout, DEFAULT_MAX_BUFFERED_BYTES);
    }

    /** With S3's failures. */
    public RequestBodyStream(HttpServerRequest request, Duration idleTimeout, int maxBufferedBytes) {
        this(request, idleTimeout, maxBufferedBytes, S3_FAILURES);
    }

    /**
     * @param request a paused request whose body nobody has read yet
     * @param idleTimeout how long read() waits for data before it gives up with an IOException
     * @param maxBufferedBytes how many bytes may wait for the reader before the request is paused
     * @param failures what read() throws when the body does not arrive whole
     */
    public RequestBodyStream(HttpServerRequest request, Duration idleTimeout, int maxBufferedBytes,
                             Failures failures) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.request = Objects.requireNonNull(request, "request");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxBufferedBytes <= 0) {
            throw new IllegalArgumentException("idleTimeout and maxBufferedBytes must be positive");
        }
        this.maxBufferedBytes = maxBufferedBytes;
        this.context = contextOf(request);
        // The end and failure handlers go on now, while the request is still paused, so a client that disconnects
        // before the first read() is noticed too.
        context.runOnContext(v -> registerHandlers());
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (closed) {
            throw new IOException("the request body stream is closed");
        }
        if (length == 0) {
            return 0;
        }
        while (current == null || currentPosition == current.length()) {
            current = nextBuffer();
            currentPosition = 0;
            if (current == null) {
                return -1;
            }
        }
        int n = Math.min(length, current.length() - currentPosition);
        current.getBytes(currentPosition, currentPosition + n, target, offset);
        currentPosition += n;
        return n;
    }

    @Override
    public int available() {
        long inCurrent = current == null ? 0 : current.length() - currentPosition;
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, inCurrent + queuedBytes);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops consuming the body (callable from any thread): queued bytes are dropped and the request stays paused, so
     * the rest of the body is never read. A caller that answers before the body ended should close the connection
     * (or let the client do so).
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        context.runOnContext(v -> pauseForGood());
    }

    /** The most bytes that were ever queued at once; shows the bound holds. */
    long mostQueuedBytes() {
        lock.lock();
        try {
            return mostQueuedBytes;
        } finally {
            lock.unlock();
        }
    }

    private static Context contextOf(HttpServerRequest request) {
        if (request instanceof HttpServerRequestInternal) {
            return ((HttpServerRequestInternal) request).context();
        }
        Context current = Vertx.currentContext();
        if (current == null) {
            throw new IllegalArgumentException("the request's Vert.x context cannot be found");
        }
        return current;
    }

    private Buffer nextBuffer() throws IOException {
        if (!started) {
            started = true;
            context.runOnContext(v -> start());
        }
        long deadline = System.nanoTime() + idleTimeout.toNanos();
        Buffer next;
        boolean resume = false;
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed) {
                    throw new IOException("the request body stream is closed");
                }
                if (failure != null) {
                    throw failures.incomplete(failure);
                }
                if (ended) {
                    return null;
                }
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    failure = new IOException("no request body data arrived for " + idleTimeout.toMillis() + " ms");
                    context.runOnContext(v -> pauseForGood());
                    throw failures.stalled();
                }
                changed.awaitNanos(wait);
            }
            next = queue.poll();
            queuedBytes -= next.length();
            if (paused && !resumeScheduled && !ended && queuedBytes <= maxBufferedBytes / 2) {
                resumeScheduled = true;
                resume = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the request body");
        } finally {
            lock.unlock();
        }
        if (resume) {
            context.runOnContext(v -> resumeIfRoom());
        }
        return next;
    }

    // --- Everything below runs on the request's context (its event loop). ---

    private void registerHandlers() {
        try {
            request.handler(this::onData);
            request.endHandler(v -> onEnd());
            request.exceptionHandler(this::onFailure);
        } catch (IllegalStateException alreadyRead) {
            onFailure(alreadyRead);
            return;
        }
        if (request.response().closed() && !request.isEnded()) {
            onFailure(new HttpClosedException("Connection was closed"));
        }
    }

    private void start() {
        lock.lock();
        boolean go;
        try {
            go = !closed && failure == null && !ended;
        } finally {
            lock.unlock();
        }
        if (!go) {
            return;
        }
        HttpServerResponse response = request.response();
        // RFC 9110 10.1.1: a server must ignore the expectation in an HTTP/1.0 request. If the server was set to send
        // 100 Continue on its own this sends a second one, which clients must accept (RFC 9110 15.2).
        if (request.version() != HttpVersion.HTTP_1_0
                && "100-continue".equalsIgnoreCase(request.getHeader("Expect"))
                && !response.headWritten() && !response.closed()) {
            response.writeContinue();
        }
        resumeIfRoom();
    }

    private void resumeIfRoom() {
        boolean resume;
        lock.lock();
        try {
            resumeScheduled = false;
            resume = paused && !closed && failure == null && !ended && queuedBytes < maxBufferedBytes;
            if (resume) {
                paused = false;
            }
        } finally {
            lock.unlock();
        }
        if (resume) {
            request.resume();
        }
    }

    private void pauseForGood() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
        if (!request.isEnded()) {
            request.pause();
        }
    }

    private void onData(Buffer data) {
        boolean pause = false;
        lock.lock();
        try {
            if (closed || failure != null || data.length() == 0) {
                return;
            }
            queue.add(data);
            queuedBytes += data.length();
            mostQueuedBytes = Math.max(mostQueuedBytes, queuedBytes);
            if (!paused && queuedBytes >= maxBufferedBytes) {
                paused = true;
                pause = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (pause) {
            request.pause();
        }
    }

    private void onEnd() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void onFailure(Throwable cause) {
        lock.lock();
        try {
            if (ended || failure != null) {
                return;
            }
            failure = isDisconnect(cause)
                    ? new IOException("the client disconnected before the request body ended", cause)
                    : new IOException("reading the request body failed: " + cause, cause);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // Vert.x reports a closed HTTP/1.x connection as a VertxException "Connection was closed" (or an
    // HttpClosedException), an HTTP/2 reset as StreamResetException, and a TCP reset as the socket's IOException.
    private static boolean isDisconnect(Throwable cause) {
        return cause instanceof HttpClosedException || cause instanceof StreamResetException
                || cause instanceof IOException
                || String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("closed");
    }
}
