package dev.caravan.sandbox.gemini;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * List page tokens: opaque to clients, here the creation sequence of the last item served, so the next page starts
 * right after it even when items were deleted in between. A token this emulator did not write is a 400.
 */
final class PageToken {

    static final int DEFAULT_PAGE_SIZE = 10;
    static final int MAX_PAGE_SIZE = 100;

    private PageToken() {
    }

    static String after(String kind, long sequence) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + sequence).getBytes(StandardCharsets.UTF_8));
    }

    /** The sequence the token names; {@code Long.MAX_VALUE} (from the newest) for none. */
    static long sequence(String kind, String token) {
        if (token == null || token.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(kind + ":")) {
                return Long.parseLong(decoded.substring(kind.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw ApiError.invalid("Invalid page token.");
    }

    /**
     * {@code pageSize}: absent or 0 is the default of 10, above 100 is served as 100 (file_service.proto's rule,
     * and the batches list follows it, UNCONFIRMED there); negative or not a number is a 400.
     */
    static int size(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_PAGE_SIZE;
        }
        int size;
        try {
            size = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.invalid("Invalid value at 'page_size' (TYPE_INT32), \"" + value + "\"");
        }
        if (size < 0) {
            throw ApiError.invalid("page_size must not be negative.");
        }
        return size == 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
    }
}
