package dev.caravan.hardening;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on a bare socket, for input the JDK client and the SDKs refuse to send: any method, a request
 * target with raw (non-UTF-8) bytes, any number and size of headers, bodies that lie about their length or never
 * finish. Each request gets its own connection ({@code Connection: close}) so a garbled exchange cannot poison the
 * next one.
 *
 * <p>The body is written on its own thread while the response is read: a server that answers early (413, 400) and
 * closes must be seen answering, not reported as a broken pipe.
 */
final class RawHttp {

    /** Bytes of the response body kept for assertions; the rest is read and counted, never held. */
    private static final int KEPT_BODY_BYTES = 256 * 1024;

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** Writes a request body onto the wire; it may stop early, stall, or write far more than it declared. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;

        static Body of(byte[] bytes) {
            return out -> out.write(bytes);
        }

        static Body none() {
            return out -> { };
        }
    }

    /** A request line and headers exactly as given; {@code target} chars above 0x7f are sent as single bytes. */
    static final class Request {
        final String method;
        final String target;
        final List<String[]> headers = new ArrayList<>();
        Body body = Body.none();
        /** After the body: true closes our sending side (the server sees EOF); false leaves it open. */
        boolean halfCloseAfterBody = false;

        Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        Request header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Request body(byte[] bytes) {
            header("Content-Length", Integer.toString(bytes.length));
            this.body = Body.of(bytes);
            return this;
        }

        Request streamedBody(long contentLength, Body writer) {
            header("Content-Length", Long.toString(contentLength));
            this.body = writer;
            return this;
        }

        Request rawBody(Body writer) {
            this.body = writer;
            return this;
        }

        boolean hasHeader(String name) {
            return headers.stream().anyMatch(h -> h[0].equalsIgnoreCase(name));
        }

        byte[] head(int port) {
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            if (!hasHeader("Host")) {
                head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            if (!hasHeader("Connection")) {
                head.append("Connection: close\r\n");
            }
            for (String[] h : headers) {
                head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            head.append("\r\n");
            return head.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        /** The request line and a summary, for failure messages. */
        String describe() {
            StringBuilder text = new StringBuilder(method).append(' ').append(printable(target, 300));
            for (String[] h : headers) {
                text.append("\n  ").append(printable(h[0], 80)).append(": ").append(printable(h[1], 120));
            }
            return text.toString();
        }
    }

    /** What came back; {@code status} is 0 when the connection closed without a status line. */
    record Response(int status, Map<String, String> headers, byte[] body, long bodyBytes, String failure) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String summary() {
            return status + " " + headers.getOrDefault("content-type", "-") + " " + printable(text(), 400)
                    + (failure == null ? "" : " [" + failure + "]");
        }
    }

    /** Sends the request and reads the whole response; {@code readTimeout} bounds every wait for a response byte. */
    Response send(Request request, Duration readTimeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout((int) readTimeout.toMillis());
            OutputStream out = socket.getOutputStream();
            Thread writer = startWriter(socket, out, request);
            try {
                return read(new BufferedInputStream(socket.getInputStream()), request.method.equals("HEAD"));
            } finally {
                writer.interrupt();
            }
        }
    }

    private Thread startWriter(Socket socket, OutputStream out, Request request) {
        Thread writer = new Thread(() -> {
            try {
                out.write(request.head(port));
                request.body.writeTo(out);
                out.flush();
                if (request.halfCloseAfterBody) {
                    socket.shutdownOutput();
                }
            } catch (IOException answeredEarly) {
                // the server refused the rest of the body; its answer is what the test looks at
            }
        }, "raw-http-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        while (true) {
            String statusLine;
            try {
                statusLine = line(in);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                return new Response(0, Map.of(), new byte[0], 0, "no status line: " + e);
            }
            if (statusLine == null) {
                return new Response(0, Map.of(), new byte[0], 0, "connection closed without a response");
            }
            String[] parts = statusLine.split(" ", 3);
            int status = parts.length > 1 ? parseStatus(parts[1]) : -1;
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while ((line = line(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                }
            }
            if (status >= 100 && status < 200) {
                continue; // 100 Continue and friends: the real answer follows
            }
            if (head || status == 204 || status == 304) {
                return new Response(status, headers, new byte[0], 0, null);
            }
            return body(in, status, headers);
        }
    }

    private static Response body(InputStream in, int status, Map<String, String> headers) throws IOException {
        Counting kept = new Counting();
        String failure = null;
        try {
            String length = headers.get("content-length");
            if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
                String size;
                while ((size = line(in)) != null) {
                    int semicolon = size.indexOf(';');
                    long chunk = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                    if (chunk == 0) {
                        while ((size = line(in)) != null && !size.isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    copy(in, kept, chunk);
                    line(in);
                }
            } else if (length != null) {
                copy(in, kept, Long.parseLong(length.trim()));
            } else {
                copy(in, kept, Long.MAX_VALUE);
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException | NumberFormatException e) {
            failure = "body cut: " + e;
        }
        return new Response(status, headers, kept.bytes(), kept.count, failure);
    }

    private static void copy(InputStream in, Counting out, long count) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                if (count != Long.MAX_VALUE) {
                    throw new IOException("body ended after " + (count - left) + " of " + count + " bytes");
                }
                return;
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static int parseStatus(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One CRLF- (or LF-) terminated line in ISO-8859-1, or null at EOF before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (bytes.size() > 64 * 1024) {
                throw new IOException("response line too long");
            }
            bytes.write(b);
        }
        if (b < 0 && bytes.size() == 0) {
            return null;
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < text.length() ? out + "...(" + text.length() + " chars)" : out.toString();
    }

    /** Keeps the first bytes of a body and counts the rest. */
    private static final class Counting {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long count;

        void write(byte[] buffer, int offset, int length) {
            int keep = (int) Math.max(0, Math.min(length, KEPT_BODY_BYTES - kept.size()));
            kept.write(buffer, offset, keep);
            count += length;
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
