package dev.caravan.surface.s3.body;

import java.util.Map;

/**
 * What a fully read and verified body measured: its length, its MD5 (hex for the ETag, base64 for Content-MD5) and
 * every flexible checksum computed over it, base64 as S3 echoes it in {@code x-amz-checksum-*}.
 */
public record VerifiedBody(long length, String md5Hex, String md5Base64, Map<ChecksumAlgorithm, String> checksums) {

    public VerifiedBody {
        checksums = Map.copyOf(checksums);
    }

    /** The single-part ETag, quotes included, as S3 sends it. */
    public String etag() {
        return '"' + md5Hex + '"';
    }
}
