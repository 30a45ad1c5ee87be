package dev.caravan.sandbox.openai;

import io.vertx.core.MultiMap;

/**
 * The query of a list call. Unknown query parameters are ignored, unlike unknown body fields: the real API is strict
 * about request bodies only (as far as observed), and SDKs' extra_query must not break a plain list.
 */
record ListQuery(String after, int limit, boolean newestFirst, String purpose) {

    static ListQuery files(MultiMap query) {
        String order = blankToNull(query.get("order"));
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw ApiError.badRequest("Invalid value: '" + order + "'. Supported values are: 'asc' and 'desc'.",
                    "order", "invalid_value");
        }
        return new ListQuery(blankToNull(query.get("after")), limit(query, 10_000, 10_000), !"asc".equals(order),
                blankToNull(query.get("purpose")));
    }

    static ListQuery batches(MultiMap query) {
        return new ListQuery(blankToNull(query.get("after")), limit(query, 20, 100), true, null);
    }

    private static int limit(MultiMap query, int defaultLimit, int max) {
        String raw = blankToNull(query.get("limit"));
        if (raw == null) {
            return defaultLimit;
        }
        long limit;
        try {
            limit = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid 'limit': expected an integer, but got '" + raw + "' instead.", "limit",
                    "invalid_type");
        }
        if (limit < 1) {
            throw ApiError.badRequest("Invalid 'limit': integer below minimum value. Expected a value >= 1, but got "
                    + limit + " instead.", "limit", "integer_below_min_value");
        }
        if (limit > max) {
            throw ApiError.badRequest("Invalid 'limit': integer above maximum value. Expected a value <= " + max
                    + ", but got " + limit + " instead.", "limit", "integer_above_max_value");
        }
        return (int) limit;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
