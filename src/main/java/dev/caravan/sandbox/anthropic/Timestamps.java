package dev.caravan.sandbox.anthropic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * RFC 3339 timestamps in UTC as the API writes them, with six fraction digits: {@code 2024-08-20T18:37:24.100435Z}.
 * The emulator's clock is read in milliseconds, so the last three digits are zeros.
 */
final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }
}
