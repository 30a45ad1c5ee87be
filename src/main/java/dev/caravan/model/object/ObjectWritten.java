package dev.caravan.model.object;

import java.util.Map;

/** The outcome of a write (PutObject, UploadPart, CompleteMultipartUpload): the new ETag (quoted) and checksums. */
public record ObjectWritten(String etag, Map<String, String> checksums, String versionId) {
}
