package dev.caravan.sandbox.gemini;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * RFC 3339 timestamps in UTC as proto3 JSON writes google.protobuf.Timestamp: {@code Z}, and 0, 3, 6 or 9 fraction
 * digits (provider-apis.md §0). The emulator's clock is read in milliseconds, so it writes 3 (the real API's
 * {@code 2025-08-20T10:12:54.123456Z} shapes parse the same way).
 */
final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }
}
