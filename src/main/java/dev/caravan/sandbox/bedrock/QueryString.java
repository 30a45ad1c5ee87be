package dev.caravan.sandbox.bedrock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query parameters of a raw query string, percent-decoded ({@code +} stays a plus: the SDKs send a space as
 * {@code %20}); the first value of a repeated parameter wins.
 */
final class QueryString {

    private QueryString() {
    }

    static Map<String, String> parse(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int equals = piece.indexOf('=');
            String name = decode(equals < 0 ? piece : piece.substring(0, equals));
            parameters.putIfAbsent(name, equals < 0 ? "" : decode(piece.substring(equals + 1)));
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return JobIdentifier.decode(text);
        } catch (ServiceError broken) {
            throw ServiceError.serialization("The query string is not correctly percent-encoded.");
        }
    }
}
