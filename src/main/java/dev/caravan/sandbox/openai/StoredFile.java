package dev.caravan.sandbox.openai;

import java.nio.file.Path;

/**
 * A file held by the emulator: the File object's fields (provider-apis.md §1.2) plus where its bytes are.
 *
 * @param expiresAt unix seconds, or null for files that never expire
 */
record StoredFile(String id, long bytes, long createdAt, Long expiresAt, String filename, String purpose,
        long sequence, Path path) {

    SortKey sortKey() {
        return new SortKey(createdAt, sequence);
    }

    boolean expiredAt(long nowMillis) {
        return expiresAt != null && expiresAt * 1000 <= nowMillis;
    }
}
