package dev.caravan.model.object;

import java.io.InputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The bytes of an object being written, as a stream that is already decoded and verified while it is read (a
 * mismatch fails the read before the last byte, so a store that streams it never commits a bad object).
 *
 * @param length         exact byte count the stream will deliver
 * @param contentMd5     the caller's Content-MD5 (base64), null if none; already checked by the stream
 * @param checksums      the caller's {@code x-amz-checksum-*} values known before the body (algorithm name, e.g.
 *                       {@code CRC32}, to base64), passed on so the store keeps them
 * @param checksumAlgorithm the algorithm the caller asked for ({@code x-amz-sdk-checksum-algorithm} or the trailer),
 *                       null if none; the store asks its upstream to compute and keep the same one
 * @param computedChecksums what the stream computed, complete once it has been read to the end
 * @param computedMd5Hex the MD5 of the bytes delivered (hex), complete once the stream has been read to the end: what a
 *                       store's plain ETag must be
 */
public record ObjectBody(InputStream content, long length, String contentType, Map<String, String> metadata,
                         String contentMd5, Map<String, String> checksums, String checksumAlgorithm,
                         Supplier<Map<String, String>> computedChecksums, Supplier<String> computedMd5Hex) {
}
