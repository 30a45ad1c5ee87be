package dev.caravan.sandbox.anthropic;

import dev.caravan.sandbox.PresentedKey;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The headers every request must carry (provider-apis.md §3.1): the key, in {@code x-api-key} or as
 * {@code Authorization: Bearer}, and {@code anthropic-version}. The key is checked first, so a caller without it
 * learns nothing else about the request.
 *
 * <p>UNCONFIRMED: the messages are the real API's as remembered ("x-api-key header is required", "invalid x-api-key",
 * "anthropic-version: header is required"); which check comes first is not documented. When both key headers are
 * sent, {@code x-api-key} is the one checked. Which versions exist is not documented either: the reference names
 * 2023-06-01 (what the Python SDK sends), the Java SDK 3.12.0 sends 2026-10-21, so any well-formed date is taken and
 * only a value that is no date (a typo, a placeholder) is refused.
 */
final class RequestGuard {


    private final byte[] expected;

    RequestGuard(String apiKey) {
        this.expected = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    void check(MultiMap headers) {
        String presented = presentedKey(headers);
        if (presented == null || presented.isEmpty()) {
            throw new ApiError(ErrorType.AUTHENTICATION, "x-api-key header is required");
        }
        // constant time, so the emulator cannot be used as a key-guessing oracle by timing
        if (!MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(ErrorType.AUTHENTICATION, "invalid x-api-key");
        }
        String version = headers.get("anthropic-version");
        if (version == null || version.isBlank()) {
            throw ApiError.invalid("anthropic-version: header is required");
        }
        try {
            LocalDate.parse(version.trim(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("anthropic-version: invalid version '" + version.trim() + "': a version is a date "
                    + "such as 2023-06-01");
        }
    }

    private static String presentedKey(MultiMap headers) {
        String apiKey = headers.get("x-api-key");
        if (apiKey != null) {
            return apiKey.trim();
        }
        return PresentedKey.bearer(headers.get("authorization"));
    }
}
