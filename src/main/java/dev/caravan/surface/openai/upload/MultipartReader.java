package dev.caravan.surface.openai.upload;

import dev.caravan.model.GatewayError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a multipart/form-data body (RFC 7578, RFC 2046 §5.1) part by part as it arrives, so a file part can be passed
 * on while later bytes are still on the wire. Each part's body is a stream that ends at the next delimiter; moving to
 * the next part skips whatever of the current one was not read. Memory is one fixed buffer.
 *
 * <p>vertx-web's own decoder is not used: Vert.x 4 hands the form attributes over only once the whole body has been
 * decoded (Http1xServerRequest.endDecode), so the fields before a file part (its {@code purpose}) are not known when
 * the file part starts, which is exactly when the streaming decision is made.
 */
final class MultipartReader {

    static final String MISSING_CLOSING_BOUNDARY =
            "The multipart/form-data body ended inside a part: the closing boundary is missing.";
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int MAX_HEADER_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 64;

    /** One part's headers and its body, readable until the next call of {@link #next()}. */
    record Part(String name, String filename, String contentType, InputStream body) {

        boolean isFile() {
            return filename != null;
        }
    }

    private final InputStream in;
    private final byte[] delimiter;
    /** Boyer-Moore-Horspool shifts: how far the delimiter may move on, by the byte under its last position. */
    private final int[] shift = new int[256];
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean started;
    private boolean finished;
    private PartBody current;

    /** @param boundary the boundary parameter of the request's Content-Type (1 to 70 characters per RFC 2046) */
    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Arrays.fill(shift, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shift[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
    }

    /** The boundary of a multipart/form-data Content-Type; a 400 when there is none to read. */
    static String boundaryOf(String contentType) {
        if (contentType == null
                || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw GatewayError.invalid(null, "The request could not be read: expected a multipart/form-data body.");
        }
        String boundary = HeaderParameters.parse(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw GatewayError.invalid(null, "The request could not be read: a malformed body.");
        }
        return boundary;
    }

    /** The next part, or null after the closing delimiter. */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (!started) {
            started = true;
            skipPreamble();
        } else {
            current.skipRest();
        }
        if (afterDelimiter()) {
            finished = true;
            return null;
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.get("content-disposition");
        Map<String, String> parameters = disposition == null ? Map.of() : HeaderParameters.parse(disposition);
        current = new PartBody();
        return new Part(parameters.get("name"), parameters.get("filename"), headers.get("content-type"), current);
    }

    /** Reads the rest of the body after the closing delimiter (the epilogue), so the request has ended. */
    void skipEpilogue() throws IOException {
        position = limit;
        while (in.read(buffer, 0, buffer.length) >= 0) {
            // dropped: RFC 2046 says to ignore it
        }
    }

    /** A text field's value (UTF-8), at most {@code maxBytes}. */
    static String text(Part part, int maxBytes) throws IOException {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int n; (n = part.body().read(chunk)) >= 0; ) {
            value.write(chunk, 0, n);
            if (value.size() > maxBytes) {
                throw GatewayError.invalid(part.name(), "The form field '" + part.name() + "' is longer than "
                        + maxBytes + " bytes.");
            }
        }
        return value.toString(StandardCharsets.UTF_8);
    }

    // The body may start right with "--boundary" (no CRLF before the first delimiter) or after a preamble.
    private void skipPreamble() throws IOException {
        int dashBoundary = delimiter.length - 2;
        fill(dashBoundary);
        if (limit - position >= dashBoundary
                && Arrays.equals(buffer, position, position + dashBoundary, delimiter, 2, delimiter.length)) {
            position += dashBoundary;
            return;
        }
        current = new PartBody();
        current.skipRest();
    }

    /** After a delimiter: "--" closes the body, else optional padding and CRLF start the next part. */
    private boolean afterDelimiter() throws IOException {
        fill(2);
        if (limit - position >= 2 && buffer[position] == '-' && buffer[position + 1] == '-') {
            position += 2;
            return true;
        }
        while (true) {
            fill(2);
            if (limit - position < 2) {
                throw malformed(MISSING_CLOSING_BOUNDARY);
            }
            byte b = buffer[position];
            if (b == ' ' || b == '\t') {
                position++;
            } else if (b == '\r' && buffer[position + 1] == '\n') {
                position += 2;
                return false;
            } else {
                throw malformed("The request could not be read: a malformed body.");
            }
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine();
            if (line.isEmpty()) {
                return headers;
            }
            if (count >= MAX_HEADERS) {
                throw malformed("The request could not be read: a malformed body.");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("The request could not be read: a malformed body.");
            }
            headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
    }

    private String readLine() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = position + scanned; i + 1 < limit; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    String line = new String(buffer, position, i - position, StandardCharsets.UTF_8);
                    position = i + 2;
                    return line;
                }
            }
            scanned = Math.max(0, limit - position - 1);
            if (scanned > MAX_HEADER_LINE) {
                throw malformed("The request could not be read: a malformed body.");
            }
            if (!fill(limit - position + 1)) {
                throw malformed(MISSING_CLOSING_BOUNDARY);
            }
        }
    }

    /** Makes at least {@code wanted} bytes available if the body has them; false when it ended first. */
    private boolean fill(int wanted) throws IOException {
        if (limit - position >= wanted) {
            return true;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < wanted) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                return false;
            }
            limit += n;
        }
        // Then whatever has arrived already, without waiting: the network hands the body over in pieces of ~8 KiB,
        // and passing those on one by one cost a spool write and two upstream socket writes each (issue 10 profile).
        while (limit < buffer.length && in.available() > 0) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n <= 0) {
                break;
            }
            limit += n;
        }
        return true;
    }

    private static GatewayError malformed(String message) {
        return GatewayError.invalid(null, message);
    }

    /** The current part's body: everything up to the next delimiter. */
    private final class PartBody extends InputStream {

        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended || current != this) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int found = indexOfDelimiter();
                if (found == position) {
                    position += delimiter.length;
                    ended = true;
                    return -1;
                }
                // bytes before a delimiter, or all but a tail that could be the start of one
                int safe = found >= 0 ? found - position : limit - position - (delimiter.length - 1);
                if (safe > 0) {
                    int n = Math.min(length, safe);
                    System.arraycopy(buffer, position, target, offset, n);
                    position += n;
                    return n;
                }
                if (!fill(Math.min(buffer.length, limit - position + 1))) {
                    throw malformed(MISSING_CLOSING_BOUNDARY);
                }
            }
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // skipped
            }
        }

        // Horspool rather than byte by byte: a file part is nearly all of the body, and with a delimiter of some 40
        // bytes most steps skip many of them (the issue 10 profile had a byte-by-byte search at ~20% of the CPU)
        private int indexOfDelimiter() {
            int length = delimiter.length;
            byte lastByte = delimiter[length - 1];
            for (int i = position; i <= limit - length; ) {
                byte under = buffer[i + length - 1];
                if (under == lastByte && Arrays.equals(buffer, i, i + length, delimiter, 0, length)) {
                    return i;
                }
                i += shift[under & 0xff];
            }
            return -1;
        }
    }
}
