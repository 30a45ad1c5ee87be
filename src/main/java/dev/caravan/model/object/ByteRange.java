package dev.caravan.model.object;

/**
 * One HTTP byte range as the caller asked for it: {@code first-last}, {@code first-} (last is -1) or a suffix of
 * {@code suffixLength} bytes (first is -1). Only a store knows the object's length, so resolution happens there.
 */
public record ByteRange(long first, long last, long suffixLength) {

    /** The {@code Range} header value, as an upstream S3 expects it. */
    public String header() {
        if (first < 0) {
            return "bytes=-" + suffixLength;
        }
        return last < 0 ? "bytes=" + first + "-" : "bytes=" + first + "-" + last;
    }
}
