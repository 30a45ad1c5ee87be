package dev.caravan.model.object;

import java.time.Instant;
import java.util.Map;

/**
 * What a store knows about one stored object. {@code etag} carries its double quotes, as S3 sends it;
 * {@code checksums} maps an algorithm name ({@code CRC32}) to the full-object value the store holds.
 */
public record ObjectInfo(String etag, long size, Instant lastModified, String contentType,
                         Map<String, String> metadata, Map<String, String> checksums) {
}
