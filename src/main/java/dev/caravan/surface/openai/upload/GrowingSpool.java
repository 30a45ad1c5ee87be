package dev.caravan.surface.openai.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A spool file that is read while it is still being written: the file part is appended as it arrives, and a
 * {@link #reader()} (the streamed batch check) follows behind, waiting at the written end until more arrives or the
 * writing is finished. Both sides go through the file, so memory stays constant however far the reader lags.
 */
final class GrowingSpool {

    private final Path path;
    private final OutputStream out;
    // Guarded by this.
    private long written;
    private boolean finished;
    private boolean abandoned;

    GrowingSpool(Path path) throws IOException {
        this.path = path;
        this.out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    Path path() {
        return path;
    }

    void append(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        synchronized (this) {
            written += length;
            notifyAll();
        }
    }

    synchronized long written() {
        return written;
    }

    /** The file part ended: everything is written. */
    void finish() throws IOException {
        out.close();
        synchronized (this) {
            finished = true;
            notifyAll();
        }
    }

    /** Readers stop at once (with an IOException); the file stays for whoever spools the rest. */
    synchronized void abandonReaders() {
        abandoned = true;
        notifyAll();
    }

    /** Closes the writing side and removes the file. */
    void delete() {
        try {
            out.close();
        } catch (IOException ignored) {
            // removed below either way
        }
        abandonReaders();
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a temp-directory leftover at worst
        }
    }

    InputStream reader() throws IOException {
        return new Reader(FileChannel.open(path, StandardOpenOption.READ));
    }

    /** Blocks until more than {@code position} bytes are written (true) or the writing finished there (false). */
    private synchronized boolean awaitBeyond(long position) throws IOException {
        try {
            while (written <= position) {
                if (abandoned) {
                    throw new IOException("the spool was abandoned");
                }
                if (finished) {
                    return false;
                }
                wait();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the spool to grow");
        }
    }

    private final class Reader extends InputStream {

        private final FileChannel channel;
        private long position;

        Reader(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!awaitBeyond(position)) {
                return -1;
            }
            int wanted = (int) Math.min(length, written() - position);
            int n = channel.read(ByteBuffer.wrap(target, offset, wanted), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
