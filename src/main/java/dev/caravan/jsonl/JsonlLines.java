package dev.caravan.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.wire.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSONL byte stream, one parsed line at a time: 1-based line numbers (blank lines counted, never returned), each
 * line a JSON object, no line longer than the limit. Memory is one line plus a fixed buffer, whatever the file size.
 */
public final class JsonlLines implements Closeable {

    /** Lines above this are refused: a batch line this large is a mistake or an attack, never a request. */
    public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private byte[] line = new byte[BUFFER];
    private int lineLength;
    private int lineNumber;
    private boolean eof;

    /** One non-blank line: where it stood, its raw bytes (trailing whitespace and line break cut) and its parsed form. */
    public record Line(int number, byte[] bytes, int length, JsonNode json) {
    }

    public JsonlLines(InputStream in) {
        this(in, DEFAULT_MAX_LINE_BYTES);
    }

    public JsonlLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next non-blank line, or null at the end. The returned bytes are valid until the next call. */
    public Line next() {
        while (readLine()) {
            int length = trimmedLength();
            if (length > 0) {
                return new Line(lineNumber, line, length, parse(length));
            }
        }
        return null;
    }

    private JsonNode parse(int length) {
        try {
            JsonNode json = Json.MAPPER.readTree(line, 0, length);
            if (json == null || !json.isObject()) {
                throw LineError.at(lineNumber, "expected a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            if (!validUtf8(length)) {
                throw LineError.at(lineNumber, "not valid UTF-8");
            }
            throw LineError.at(lineNumber, "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checked only once parsing failed, so valid files never pay for it. */
    private boolean validUtf8(int length) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Length without trailing whitespace (a CR from CRLF files included); 0 for a blank line. */
    private int trimmedLength() {
        int end = lineLength;
        while (end > 0 && isBlank(line[end - 1])) {
            end--;
        }
        int start = 0;
        while (start < end && isBlank(line[start])) {
            start++;
        }
        return start == end ? 0 : end;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** Reads the next line (possibly blank) into {@code line}; false once the stream has nothing more. */
    private boolean readLine() {
        lineLength = 0;
        lineNumber++;
        boolean read = false;
        while (true) {
            if (position >= limit && !fill()) {
                return read;
            }
            read = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? limit : newline;
            append(position, end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                return true;
            }
        }
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int count) {
        if (lineLength + count > maxLineBytes) {
            throw LineError.at(lineNumber, "the line is longer than " + maxLineBytes + " bytes");
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + count)));
        }
        System.arraycopy(buffer, from, line, lineLength, count);
        lineLength += count;
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int read = in.read(buffer);
            if (read < 0) {
                eof = true;
                position = 0;
                limit = 0;
                return false;
            }
            position = 0;
            limit = read;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
