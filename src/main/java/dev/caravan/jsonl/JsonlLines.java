package dev.caravan.jsonl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.wire.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    /** The one nested value a line check reads: Gemini's {@code metadata.key}. */
    private static final String KEPT_NESTED = "metadata";
    /** Eight bytes of the buffer at a time, for the newline search. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';

    private final InputStream in;
    private final int maxLineBytes;
    private final boolean shallow;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    // The current line: in the read buffer itself when it lies there whole (most lines), else copied together here.
    private byte[] spanned = new byte[BUFFER];
    private byte[] line;
    private int lineOffset;
    private int lineLength;
    private int lineNumber;
    private boolean eof;

    /**
     * One non-blank line: where it stood, its raw bytes ({@code bytes[offset, offset + length)}, trailing whitespace
     * and line break cut) and its parsed form.
     */
    public record Line(int number, byte[] bytes, int offset, int length, JsonNode json) {
    }

    public JsonlLines(InputStream in) {
        this(in, DEFAULT_MAX_LINE_BYTES);
    }

    public JsonlLines(InputStream in, int maxLineBytes) {
        this(in, maxLineBytes, false);
    }

    private JsonlLines(InputStream in, int maxLineBytes, boolean shallow) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.shallow = shallow;
    }

    /**
     * Lines read only as deep as the batch line checks look: each line's top-level members, with nested values other
     * than {@code metadata} replaced by an empty object or array. Those are still read through, so a line that is
     * not valid JSON fails as it would in full, but no tree or string is built for them: a request body, most of a
     * line's bytes, costs a scan instead. For passes that check a file without converting it.
     */
    public static JsonlLines shallow(InputStream in) {
        return new JsonlLines(in, DEFAULT_MAX_LINE_BYTES, true);
    }

    /** The next non-blank line, or null at the end. The returned bytes are valid until the next call. */
    public Line next() {
        while (readLine()) {
            int length = trimmedLength();
            if (length > 0) {
                return new Line(lineNumber, line, lineOffset, length, parse(length));
            }
        }
        return null;
    }

    private JsonNode parse(int length) {
        try {
            JsonNode json = shallow ? readTopLevel(length) : Json.MAPPER.readTree(line, lineOffset, length);
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

    /** The line's object with its nested values skipped (see {@link #shallow}); null when it is no object. */
    private JsonNode readTopLevel(int length) throws IOException {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(line, lineOffset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode members = Json.MAPPER.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart() && !KEPT_NESTED.equals(name)) {
                    parser.skipChildren();
                    members.set(name, value == JsonToken.START_OBJECT ? members.objectNode() : members.arrayNode());
                } else {
                    members.set(name, Json.MAPPER.readTree(parser));
                }
            }
            return members;
        }
    }

    /** Checked only once parsing failed, so valid files never pay for it. */
    private boolean validUtf8(int length) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line, lineOffset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Length without trailing whitespace (a CR from CRLF files included); 0 for a blank line. */
    private int trimmedLength() {
        int end = lineLength;
        while (end > 0 && isBlank(line[lineOffset + end - 1])) {
            end--;
        }
        int start = 0;
        while (start < end && isBlank(line[lineOffset + start])) {
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
        if (position >= limit && !fill()) {
            return false;
        }
        int newline = indexOfNewline();
        if (newline >= 0) {
            checkLength(newline - position);
            line = buffer;
            lineOffset = position;
            lineLength = newline - position;
            position = newline + 1;
            return true;
        }
        // the line goes on past the buffer: its pieces are copied together
        line = spanned;
        lineOffset = 0;
        while (true) {
            int end = newline < 0 ? limit : newline;
            append(position, end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0 || position >= limit && !fill()) {
                return true;
            }
            newline = indexOfNewline();
        }
    }

    /** The first '\n' from {@code position}, eight bytes at a time (SWAR: a zero byte of word ^ newlines); -1 if none. */
    private int indexOfNewline() {
        int i = position;
        for (; i + Long.BYTES <= limit; i += Long.BYTES) {
            long word = (long) WORDS.get(buffer, i) ^ NEWLINES;
            long zeroBytes = (word - ONES) & ~word & HIGH_BITS;
            if (zeroBytes != 0) {
                // exact for the lowest zero byte: the borrow only marks bytes above a true one
                return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
        }
        for (; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void checkLength(int length) {
        if (length > maxLineBytes) {
            throw LineError.at(lineNumber, "the line is longer than " + maxLineBytes + " bytes");
        }
    }

    private void append(int from, int count) {
        checkLength(lineLength + count);
        if (lineLength + count > spanned.length) {
            spanned = Arrays.copyOf(spanned, Math.min(maxLineBytes, Math.max(spanned.length * 2, lineLength + count)));
            line = spanned;
        }
        System.arraycopy(buffer, from, spanned, lineLength, count);
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
