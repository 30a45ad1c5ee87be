package dev.caravan.provider.bedrock;

import dev.caravan.model.object.ObjectData.ContentRange;

/** Reads S3's {@code Content-Range: bytes first-last/total}. */
final class ContentRanges {

    private ContentRanges() {
    }

    static ContentRange parse(String header) {
        if (header == null || !header.startsWith("bytes ")) {
            return null;
        }
        String spec = header.substring("bytes ".length());
        int dash = spec.indexOf('-');
        int slash = spec.indexOf('/');
        if (dash < 0 || slash < dash) {
            return null;
        }
        return new ContentRange(Long.parseLong(spec.substring(0, dash)),
                Long.parseLong(spec.substring(dash + 1, slash)), Long.parseLong(spec.substring(slash + 1)));
    }
}
