package dev.caravan.sandbox.gemini;

import java.nio.file.Path;

/**
 * A file the emulator holds: its bytes on disk at {@code path}, the rest as the File resource reports it.
 *
 * @param id          the part after {@code files/}
 * @param displayName null when the client gave none
 * @param sha256      base64 of the SHA-256 of the bytes, as {@code sha256Hash} carries it
 * @param sequence    creation order, the list's sort key and page cursor
 */
record StoredFile(String id, String displayName, String mimeType, long sizeBytes, String sha256, long createMillis,
                  long expireMillis, FileSource source, Path path, long sequence) {

    String name() {
        return "files/" + id;
    }
}
