package dev.caravan.model.object;

import java.io.InputStream;

/**
 * An object read back: its metadata, and its bytes unless only the metadata was asked for ({@code content} null).
 * {@code range} is the part served when the caller asked for one, else null.
 */
public record ObjectData(ObjectInfo info, InputStream content, long contentLength, ContentRange range) {

    /** The bytes served out of an object of {@code total} bytes, both ends inclusive. */
    public record ContentRange(long first, long last, long total) {

        public String header() {
            return "bytes " + first + "-" + last + "/" + total;
        }
    }
}
