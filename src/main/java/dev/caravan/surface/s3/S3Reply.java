package dev.caravan.surface.s3;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;

/**
 * Writes an S3 answer straight onto the Vert.x response, from the route's worker thread. platform-http would send
 * any stream chunked and filter {@code Content-Length} (camel-stack.md pitfall 3), but S3 clients read the object
 * size from that header; writing here keeps the exact headers S3 sends and still streams with back-pressure.
 */
final class S3Reply {

    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final int CHUNK = 64 * 1024;
    private static final long DRAIN_TIMEOUT_SECONDS = 120;

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private boolean bodyUnread;

    private S3Reply(HttpServerRequest request) {
        this.request = request;
        this.response = request.response();
    }

    /** A reply carrying S3's request ids, as every S3 response does. */
    static S3Reply to(Exchange exchange) {
        S3Reply reply = new S3Reply(S3Exchange.request(exchange));
        reply.header("x-amz-request-id", S3Exchange.requestId(exchange));
        reply.header("x-amz-id-2", S3Exchange.hostId(exchange));
        reply.header("Server", "Caravan");
        return reply;
    }

    boolean isHead() {
        return "HEAD".equals(request.method().name());
    }

    /** True once the status line has gone out: from then on a failure can only cut the connection. */
    boolean started() {
        return response.headWritten() || response.ended();
    }

    S3Reply status(int status) {
        response.setStatusCode(status);
        return this;
    }

    S3Reply header(String name, String value) {
        if (value != null) {
            response.putHeader(name, value);
        }
        return this;
    }

    S3Reply date(String name, Instant value) {
        return value == null ? this : header(name, HTTP_DATE.format(value));
    }

    void sendEmpty() {
        announceCloseIfBodyUnread();
        finish(response.end());
    }

    void sendXml(byte[] xml) {
        announceCloseIfBodyUnread();
        header("Content-Type", "application/xml");
        if (isHead()) {
            finish(response.end());
            return;
        }
        header("Content-Length", Integer.toString(xml.length));
        finish(response.end(Buffer.buffer(xml)));
    }

    /** Streams {@code length} bytes with {@code Content-Length}, waiting whenever the client reads slower. */
    /** The content, with its length when known ({@code length >= 0}), else chunked as it is produced. */
    void sendStream(InputStream content, long length) {
        announceCloseIfBodyUnread();
        if (length >= 0) {
            header("Content-Length", Long.toString(length));
        } else {
            response.setChunked(true);
        }
        try (content) {
            byte[] chunk = new byte[CHUNK];
            int read;
            while ((read = content.read(chunk)) > 0) {
                awaitDrain();
                response.write(Buffer.buffer().appendBytes(chunk, 0, read));
            }
        } catch (IOException e) {
            cut();
            throw new UncheckedIOException("object stream failed after the response started", e);
        }
        finish(response.end());
    }

    private void awaitDrain() {
        if (!response.writeQueueFull()) {
            return;
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        response.drainHandler(ignored -> drained.complete(null));
        response.closeHandler(ignored -> drained.completeExceptionally(new IOException("client disconnected")));
        if (!response.writeQueueFull()) {
            return;
        }
        try {
            drained.get(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the client was reading", e);
        } catch (ExecutionException | TimeoutException e) {
            cut();
            throw new IllegalStateException("the client stopped reading the object", e);
        }
    }

    /**
     * A request whose body was never read (rejected up front, e.g. EntityTooLarge) leaves its bytes on the wire;
     * the connection cannot carry another request after it, so it is closed once the answer is out, as S3 does.
     */
    private void finish(Future<Void> ended) {
        if (bodyUnread) {
            ended.onComplete(done -> request.connection().close());
        }
    }

    private void announceCloseIfBodyUnread() {
        bodyUnread = S3Requests.declaresBody(request.headers()) && !request.isEnded();
        if (bodyUnread) {
            header("Connection", "close");
        }
    }

    /** Breaks the connection so the client sees a truncated answer instead of a complete-looking wrong one. */
    void cut() {
        request.connection().close();
    }
}
