package dev.caravan.model;

/** A stored file, whichever provider holds it. Times are unix seconds; {@code expiresAt} may be null. */
public record FileObject(String id, long bytes, long createdAt, Long expiresAt, String filename, String purpose,
                         String status) {
}
