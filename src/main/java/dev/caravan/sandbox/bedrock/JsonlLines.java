package dev.caravan.sandbox.bedrock;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a JSONL object as it streams from S3, one at a time with their 1-based line numbers ({@code \n} or
 * {@code \r\n}); blank lines are skipped but counted. One line is held at a time, never the file.
 */
final class JsonlLines implements Closeable {

    /**
     * The longest line read. Not an AWS quota: a bound that keeps one runaway line from filling the emulator's heap,
     * far above any InvokeModel body a model accepts.
     */
    static final int MAX_LINE_BYTES = 32 * 1024 * 1024;

    record Line(long number, String text) {
    }

    /** A line longer than {@link #MAX_LINE_BYTES}. */
    static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;
        final long lineNumber;

        LineTooLong(long lineNumber) {
            super("line " + lineNumber + " is longer than " + MAX_LINE_BYTES + " bytes", null);
            this.lineNumber = lineNumber;
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private int position;
    private int limit;
    private long number;
    private boolean ended;

    JsonlLines(InputStream in) {
        this.in = in;
    }

    /** The next non-blank line, or null at the end. */
    Line next() throws IOException {
        while (!ended) {
            String text = readLine();
            if (text == null) {
                return null;
            }
            if (!text.isBlank()) {
                return new Line(number, text);
            }
        }
        return null;
    }

    private String readLine() throws IOException {
        line.reset();
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    ended = true;
                    if (!any) {
                        return null;
                    }
                    number++;
                    return text();
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            if (line.size() > MAX_LINE_BYTES) {
                throw new LineTooLong(number + 1);
            }
            if (position < limit) {
                position++; // the '\n'
                number++;
                return text();
            }
        }
    }

    private String text() {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
