package dev.caravan.sandbox.gemini;

import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * One resumable upload between its start and its finalize (provider-apis.md §4.1): the file id it will create, what
 * the start declared, and the bytes received so far (spooled to {@code spool}, hashed as they came).
 *
 * <p>Not thread-safe: {@link Uploads} touches it on the event loop only.
 */
final class UploadSession {

    final String uploadId;
    final String fileId;
    final String displayName;
    final String mimeType;
    /** From {@code X-Goog-Upload-Header-Content-Length} or the metadata's size; null when neither was sent. */
    final Long declaredSize;
    final Path spool;
    /** When the session was started or last took a chunk, on the emulator's clock. */
    volatile long touchedAt;
    long received;
    MessageDigest digest;
    /** A chunk is being received: another one at the same time is refused. */
    volatile boolean busy;

    UploadSession(String uploadId, String fileId, String displayName, String mimeType, Long declaredSize, Path spool,
            MessageDigest digest, long startedAt) {
        this.touchedAt = startedAt;
        this.uploadId = uploadId;
        this.fileId = fileId;
        this.displayName = displayName;
        this.mimeType = mimeType;
        this.declaredSize = declaredSize;
        this.spool = spool;
        this.digest = digest;
    }
}
