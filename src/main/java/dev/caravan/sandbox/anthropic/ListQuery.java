package dev.caravan.sandbox.anthropic;

import io.vertx.core.MultiMap;

/**
 * The list's query (provider-apis.md §3.2): {@code limit} 1 to 1000 (default 20), and at most one cursor,
 * {@code after_id} (the page after that batch in list order, i.e. older ones) or {@code before_id} (the page just
 * before it, newer ones). Other parameters are ignored.
 *
 * <p>UNCONFIRMED: giving both cursors is refused with 400 {@code invalid_request_error}; the reference does not say
 * what the API does, and no page could honour both without surprising the caller.
 */
record ListQuery(String beforeId, String afterId, int limit) {

    static ListQuery parse(MultiMap params) {
        String before = nonEmpty(params.get("before_id"));
        String after = nonEmpty(params.get("after_id"));
        if (before != null && after != null) {
            throw ApiError.invalid("before_id and after_id cannot both be given");
        }
        return new ListQuery(before, after, limit(params.get("limit")));
    }

    private static int limit(String text) {
        if (text == null) {
            return BatchLimits.DEFAULT_LIST_LIMIT;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalid("limit: Input should be a valid integer, unable to parse string as an integer");
        }
        if (value < 1) {
            throw ApiError.invalid("limit: Input should be greater than or equal to 1");
        }
        if (value > BatchLimits.MAX_LIST_LIMIT) {
            throw ApiError.invalid("limit: Input should be less than or equal to " + BatchLimits.MAX_LIST_LIMIT);
        }
        return (int) value;
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
