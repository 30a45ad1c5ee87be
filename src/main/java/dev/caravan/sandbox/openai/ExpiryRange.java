package dev.caravan.sandbox.openai;

/** The 3600–2592000 s range that {@code expires_after} and {@code output_expires_after} share. */
final class ExpiryRange {

    private ExpiryRange() {
    }

    /**
     * @param seconds the value if it is an integer, else null
     * @param raw     the value as sent, for the message
     */
    static long check(Long seconds, String raw, String param) {
        if (seconds == null) {
            throw ApiError.badRequest("Invalid type for '" + param + "': expected an integer, but got '" + raw
                    + "' instead.", param, "invalid_type");
        }
        if (seconds < FileLimits.MIN_EXPIRES_AFTER_SECONDS) {
            throw ApiError.badRequest("Invalid '" + param + "': integer below minimum value. Expected a value >= "
                    + FileLimits.MIN_EXPIRES_AFTER_SECONDS + ", but got " + seconds + " instead.", param,
                    "integer_below_min_value");
        }
        if (seconds > FileLimits.MAX_EXPIRES_AFTER_SECONDS) {
            throw ApiError.badRequest("Invalid '" + param + "': integer above maximum value. Expected a value <= "
                    + FileLimits.MAX_EXPIRES_AFTER_SECONDS + ", but got " + seconds + " instead.", param,
                    "integer_above_max_value");
        }
        return seconds;
    }
}
