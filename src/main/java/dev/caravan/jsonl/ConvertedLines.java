package dev.caravan.jsonl;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A converted file, produced a few lines at a time only when its reader asks for more: conversion runs at the pace
 * of whoever consumes it (an HTTP response, an upload), in constant memory and one pass. Read it as an InputStream,
 * or line by line as an Iterator (one view or the other, not both). Being an Iterator is also what tells Camel's
 * unmarshal not to close the source stream under it: the source is closed when this is read to its end or closed.
 */
public final class ConvertedLines extends InputStream implements Iterator<String> {

    /** Produces the next line into the sink; false once there are no more lines. */
    interface Producer {
        boolean next(LineSink sink) throws IOException;
    }

    /** Where a line goes: as JSON through the generator, or as bytes copied verbatim. End each line with {@link #end}. */
    static final class LineSink {

        private final Buffer buffer = new Buffer();
        private final LineOutput out;
        private int lineStart;

        LineSink() {
            try {
                out = new LineOutput(buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonGenerator json() {
            return out.json();
        }

        void raw(byte[] bytes, int offset, int length) throws IOException {
            out.json().flush();
            buffer.write(bytes, offset, length);
        }

        /** Ends the line; answers its size in bytes, line break included. */
        int end() throws IOException {
            out.endLine();
            out.json().flush();
            int size = buffer.size() - lineStart;
            lineStart = buffer.size();
            return size;
        }
    }

    private static final int REFILL_BYTES = 64 * 1024;

    private final Producer producer;
    private final Closeable source;
    private final LineSink sink = new LineSink();
    private int position;
    private boolean finished;

    ConvertedLines(Producer producer, Closeable source) {
        this.producer = producer;
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        try {
            return available(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next converted line, without its line break. */
    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        byte[] bytes = sink.buffer.bytes();
        int end = position;
        while (bytes[end] != '\n') {
            end++;
        }
        String line = new String(bytes, position, end - position, StandardCharsets.UTF_8);
        position = end + 1;
        return line;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        source.close();
    }

    @Override
    public int read() throws IOException {
        if (!available(1)) {
            return -1;
        }
        return sink.buffer.bytes()[position++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!available(1)) {
            return -1;
        }
        int count = Math.min(length, sink.buffer.size() - position);
        System.arraycopy(sink.buffer.bytes(), position, target, offset, count);
        position += count;
        return count;
    }

    private boolean available(int wanted) throws IOException {
        if (sink.buffer.size() - position >= wanted) {
            return true;
        }
        if (finished) {
            return false;
        }
        sink.buffer.reset();
        sink.lineStart = 0;
        position = 0;
        while (sink.buffer.size() < REFILL_BYTES) {
            if (!producer.next(sink)) {
                close();
                break;
            }
        }
        return sink.buffer.size() > 0;
    }

    /** A byte buffer whose array can be read without copying it. */
    private static final class Buffer extends ByteArrayOutputStream {

        Buffer() {
            super(REFILL_BYTES * 2);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
