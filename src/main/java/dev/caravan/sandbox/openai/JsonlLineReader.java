package dev.caravan.sandbox.openai;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a JSONL file one line at a time with a bounded buffer, so that neither a 200 MB file nor a single giant line
 * is ever held in heap.
 */
final class JsonlLineReader implements Closeable {

    /**
     * No per-line limit is documented; this one only keeps a pathological line from exhausting the heap. Real batch
     * request bodies are far smaller.
     */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /**
     * @param bytes    the line without its terminator (and without a trailing CR), empty if {@code tooLong}
     * @param tooLong  the line exceeded {@link #MAX_LINE_BYTES} and was skipped
     */
    record Line(int number, byte[] bytes, boolean tooLong) {

        boolean blank() {
            if (tooLong) {
                return false;
            }
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private int lineNumber;
    private boolean eof;

    JsonlLineReader(Path file) throws IOException {
        this.in = Files.newInputStream(file);
    }

    /** @return the next line, or null at the end of the file */
    Line next() throws IOException {
        if (eof && position >= limit) {
            return null;
        }
        byte[] line = new byte[256];
        int length = 0;
        boolean tooLong = false;
        boolean sawAny = false;
        while (true) {
            if (position >= limit && !fill()) {
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            if (!tooLong) {
                if ((long) length + chunk > MAX_LINE_BYTES) {
                    tooLong = true;
                    line = new byte[0];
                    length = 0;
                } else {
                    if (length + chunk > line.length) {
                        line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
                    }
                    System.arraycopy(buffer, start, line, length, chunk);
                    length += chunk;
                }
            }
            if (position < limit) {
                position++; // the '\n'
                break;
            }
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        byte[] bytes = Arrays.copyOf(line, length);
        if (lineNumber == 1 && bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF) {
            bytes = Arrays.copyOfRange(bytes, 3, bytes.length); // a UTF-8 BOM is not part of the first request
        }
        return new Line(lineNumber, bytes, tooLong);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int read = in.read(buffer);
        if (read <= 0) {
            eof = true;
            position = limit = 0;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
