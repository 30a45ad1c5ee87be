package dev.caravan.surface.s3.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.GatewayError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs a real Vert.x HTTP server. Its request handler pauses the request, as Camel's platform-http does with
 * {@code useBodyHandler=false}, and hands it to a worker thread that reads it through RequestBodyStream.
 */
class RequestBodyStreamTest {

    private static final int BOUND = RequestBodyStream.DEFAULT_MAX_BUFFERED_BYTES;
    // One network read past the bound: Vert.x hands HTTP/1.1 bodies over in chunks of at most 8 KiB.
    private static final int SLACK = 64 * 1024;

    /** What the worker does with the request; it returns the response body. */
    private interface Worker {
        String handle(HttpServerRequest request) throws Exception;
    }

    private static Vertx vertx;
    private HttpServer server;
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void fiftyMegabytesArriveByteIdenticalWithinTheBound() throws Exception {
        long size = 50L * 1024 * 1024;
        long[] mostQueued = new long[1];
        int port = serve(request -> {
            try (RequestBodyStream body = new RequestBodyStream(request, Duration.ofSeconds(30))) {
                String hash = sha256(body);
                mostQueued[0] = body.mostQueuedBytes();
                return hash;
            }
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bkt/big"))
                .expectContinue(true)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(size)), size))
                .build();
        HttpResponse<String> response = client.send(put, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(sha256(new PatternStream(size)), response.body());
        assertTrue(mostQueued[0] <= BOUND + SLACK, "queued up to " + mostQueued[0]);
    }

    @Test
    void aSlowReaderDoesNotGrowTheBufferBeyondTheBound() throws Exception {
        long size = 12L * 1024 * 1024;
        long[] queuedWhileAsleep = new long[2];
        int port = serve(request -> {
            try (RequestBodyStream body = new RequestBodyStream(request, Duration.ofSeconds(30))) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[16384];
                int n = body.read(buffer);
                sha.update(buffer, 0, n);
                // The client could send all 12 MiB in this time; back-pressure must stop it at the bound.
                Thread.sleep(700);
                queuedWhileAsleep[0] = body.mostQueuedBytes();
                queuedWhileAsleep[1] = body.available();
                long reads = 0;
                while ((n = body.read(buffer)) >= 0) {
                    sha.update(buffer, 0, n);
                    if (++reads % 64 == 0) {
                        Thread.sleep(5);
                    }
                }
                assertTrue(body.mostQueuedBytes() <= BOUND + SLACK, "queued up to " + body.mostQueuedBytes());
                return HexFormat.of().formatHex(sha.digest());
            }
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bkt/slow"))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(size)), size))
                .build();
        HttpResponse<String> response = client.send(put, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(sha256(new PatternStream(size)), response.body());
        assertTrue(queuedWhileAsleep[0] <= BOUND + SLACK, "queued up to " + queuedWhileAsleep[0]);
        assertTrue(queuedWhileAsleep[0] >= BOUND / 2, "the queue should have filled, got " + queuedWhileAsleep[0]);
        assertTrue(queuedWhileAsleep[1] <= BOUND + SLACK);
    }

    @Test
    void continueIsSentOnlyOnTheFirstRead() throws Exception {
        CountDownLatch mayRead = new CountDownLatch(1);
        int port = serve(request -> {
            RequestBodyStream body = new RequestBodyStream(request, Duration.ofSeconds(10));
            assertTrue(mayRead.await(10, TimeUnit.SECONDS));
            return new String(body.readAllBytes(), StandardCharsets.US_ASCII);
        });
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(ascii("PUT /bkt/k HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\n\r\n"));
            out.flush();
            socket.setSoTimeout(500);
            assertThrows(SocketTimeoutException.class, in::read, "no 100 Continue before the first read");

            mayRead.countDown();
            socket.setSoTimeout(10_000);
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", readExactly(in, 25));
            out.write(ascii("hello"));
            out.flush();
            String response = readResponse(in);
            assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
            assertTrue(response.endsWith("\r\n\r\nhello"), response);
        }
    }

    @Test
    void anHttp10ExpectationIsIgnored() throws Exception {
        int port = serve(request -> {
            try (RequestBodyStream body = new RequestBodyStream(request, Duration.ofSeconds(10))) {
                return new String(body.readAllBytes(), StandardCharsets.US_ASCII);
            }
        });
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(ascii("PUT /bkt/k HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\n\r\nhello"));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.0 200 OK"), response);
            assertTrue(response.endsWith("hello"), response);
            assertFalse(response.contains("100 Continue"), response);
        }
    }

    @Test
    void aRequestRejectedWithoutReadingNeverGetsAContinue() throws Exception {
        int port = serveRaw(request -> {
            RequestBodyStream body = new RequestBodyStream(request, Duration.ofSeconds(10));
            vertx.executeBlocking(() -> {
                // The caller decides from the headers alone (e.g. EntityTooLarge) and closes the stream unread.
                body.close();
                assertThrows(IOException.class, body::read);
                return null;
            }, false).onComplete(done -> request.response().setStatusCode(400).putHeader("Connection", "close")
                    // Vert.x keeps the connection open for an unread request body even with "Connection: close".
                    .end("EntityTooLarge").onComplete(written -> request.connection().close()));
        });
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(ascii("PUT /bkt/k HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 999999999\r\nExpect: 100-continue\r\n\r\n"));
            String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request"), response);
            assertFalse(response.contains("100 Continue"), response);
            // The unread body leaves the connection unusable, so the server closes it after answering.
            assertEquals(-1, socket.getInputStream().read());
        }
    }

    @Test
    void aClientThatClosesMidBodyMakesReadThrowPromptly() throws Exception {
        disconnectMidBody(false);
    }

    @Test
    void aClientThatResetsMidBodyMakesReadThrowPromptly() throws Exception {
        disconnectMidBody(true);
    }

    @Test
    void anIdleClientTimesOut() throws Exception {
        int port = serve(request -> {
            try (RequestBodyStream body = new RequestBodyStream(request, Duration.ofMillis(300))) {
                body.readNBytes(10);
                long start = System.nanoTime();
                GatewayError error = assertThrows(GatewayError.class, body::read);
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(waited >= 250 && waited < 5_000, "waited " + waited + " ms");
                throw error;
            }
        });
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(ascii("PUT /bkt/k HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n"
                    + "0123456789"));
            // S3's own answer to a stalled upload
            GatewayError error = (GatewayError) outcome.get(10, TimeUnit.SECONDS);
            assertEquals("RequestTimeout", error.code());
            assertEquals(400, error.status());
        }
    }

    @Test
    void theExactBoto3HttpsBodyDecodesThroughVertxChunkingAndAwsChunked() throws Exception {
        int port = serve(request -> {
            assertEquals("aws-chunked", request.getHeader("Content-Encoding"));
            long declared = Long.parseLong(request.getHeader("x-amz-decoded-content-length"));
            ChecksumAlgorithm trailer = ChecksumAlgorithm.fromHeaderName(request.getHeader("x-amz-trailer"))
                    .orElseThrow();
            AwsChunkedInputStream chunked = new AwsChunkedInputStream(
                    new RequestBodyStream(request, Duration.ofSeconds(10)), declared);
            try (VerifyingInputStream body = new VerifyingInputStream(chunked, null,
                    List.of(ExpectedChecksum.ofTrailer(trailer, chunked)), ChecksumAlgorithm.CRC32, 5_368_709_120L)) {
                byte[] bytes = body.readAllBytes();
                assertArrayEquals(ChecksumAlgorithmTest.CAPTURE_BODY, bytes);
                return body.result().checksums().get(ChecksumAlgorithm.CRC32) + " " + body.result().etag();
            }
        });
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(ascii("PUT /bkt/k HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Encoding: aws-chunked\r\nX-Amz-Content-SHA256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\n"
                    + "X-Amz-Trailer: x-amz-checksum-crc32\r\nX-Amz-Decoded-Content-Length: 24\r\n"
                    + "x-amz-sdk-checksum-algorithm: CRC32\r\n\r\n"));
            // provider-apis.md 7.8, outer HTTP chunk framing included.
            out.write(ascii("42\r\n" + AwsChunkedInputStreamTest.BOTO3_CAPTURE + "\r\n0\r\n\r\n"));
            out.flush();
            String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
            assertTrue(response.endsWith("\r\n\r\nHNe1bA== \"" + md5Hex(ChecksumAlgorithmTest.CAPTURE_BODY) + "\""),
                    response);
        }
    }

    @Test
    void anEmptyBodyEndsAtOnce() throws Exception {
        int port = serve(request -> {
            try (RequestBodyStream body = new RequestBodyStream(request, Duration.ofSeconds(5))) {
                return "read " + body.read();
            }
        });
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bkt/empty"))
                        .PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("read -1", response.body());
    }

    private void disconnectMidBody(boolean reset) throws Exception {
        CountDownLatch gotData = new CountDownLatch(1);
        long[] closedAt = new long[1];
        int port = serve(request -> {
            try (RequestBodyStream body = new RequestBodyStream(request, Duration.ofSeconds(30))) {
                byte[] buffer = new byte[8192];
                long total = 0;
                try {
                    int n;
                    while ((n = body.read(buffer)) >= 0) {
                        total += n;
                        if (total >= 200_000) {
                            gotData.countDown();
                        }
                    }
                } catch (GatewayError e) {
                    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt[0]);
                    assertTrue(latency < 5_000, "noticed after " + latency + " ms");
                    throw e;
                }
                return "ended after " + total;
            }
        });
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(ascii("PUT /bkt/k HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000000\r\n\r\n"));
        socket.getOutputStream().write(new byte[200_000]);
        socket.getOutputStream().flush();
        assertTrue(gotData.await(10, TimeUnit.SECONDS));
        closedAt[0] = System.nanoTime();
        if (reset) {
            socket.setSoLinger(true, 0);
        }
        socket.close();
        Object result = outcome.get(10, TimeUnit.SECONDS);
        // the caller's fault in S3's terms: the body was shorter than its Content-Length
        assertTrue(result instanceof GatewayError, "expected S3's IncompleteBody, got " + result);
        assertEquals("IncompleteBody", ((GatewayError) result).code());
        assertEquals(400, ((GatewayError) result).status());
        assertTrue(((GatewayError) result).getMessage().contains("client disconnected"),
                ((GatewayError) result).getMessage());
    }

    /** Starts a server whose handler pauses each request and runs {@code worker} on a Vert.x worker thread. */
    private int serve(Worker worker) throws Exception {
        return serveRaw(request -> vertx.executeBlocking(() -> worker.handle(request), false).onComplete(done -> {
            if (done.succeeded()) {
                outcome.complete(done.result());
                request.response().end(done.result());
            } else {
                outcome.complete(done.cause());
                if (!request.response().closed()) {
                    request.response().setStatusCode(500).end(String.valueOf(done.cause()));
                }
            }
        }));
    }

    private int serveRaw(io.vertx.core.Handler<HttpServerRequest> afterPause) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            request.pause();
            afterPause.handle(request);
        });
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
    }

    private static String readExactly(InputStream in, int n) throws IOException {
        return new String(in.readNBytes(n), StandardCharsets.US_ASCII);
    }

    /** Reads one response with a Content-Length (Vert.x sets it for end(String)). */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return headers + readExactly(in, length);
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[65536];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String md5Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A reproducible pseudo-random body of any length that never sits in memory whole. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return next();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) next();
            }
            return n;
        }

        private int next() {
            long x = position++ * 0x9E3779B97F4A7C15L;
            return (int) ((x ^ (x >>> 29)) >>> 56) & 0xff;
        }
    }
}
