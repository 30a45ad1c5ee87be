package dev.caravan.surface.s3.body;

import java.util.Base64;

/** A checksum being computed over a body as it streams past; {@link #base64()} is the value S3 puts on the wire. */
public interface RunningChecksum {

    void update(byte[] bytes, int offset, int length);

    /** The final value as raw bytes; call once, after the last update. */
    byte[] finish();

    /** The final value in the form of an {@code x-amz-checksum-*} header; call once, after the last update. */
    default String base64() {
        return Base64.getEncoder().encodeToString(finish());
    }
}
