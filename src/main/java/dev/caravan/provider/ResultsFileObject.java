package dev.caravan.provider;

import dev.caravan.model.FileObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The file object of a batch's output or error file that exists only as converted lines: they are produced and
 * counted in one pass in constant memory, so {@code bytes} is exactly what a download returns.
 */
public final class ResultsFileObject {

    private ResultsFileObject() {
    }

    /** Reads {@code lines} to their end and closes them. */
    public static FileObject counted(String id, String filename, long createdAt, InputStream lines)
            throws IOException {
        long bytes;
        try (lines) {
            bytes = lines.transferTo(OutputStream.nullOutputStream());
        }
        return new FileObject(id, bytes, createdAt, null, filename, "batch_output", "processed");
    }
}
