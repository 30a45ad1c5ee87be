package dev.caravan.model.object;

/** A multipart upload in progress; {@code uploadId} is the store's own, opaque to the caller. */
public record MultipartUpload(ObjectAddress address, String uploadId) {
}
