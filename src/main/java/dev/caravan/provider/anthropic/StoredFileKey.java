package dev.caravan.provider.anthropic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an uploaded batch input lives in Caravan's store, and everything a file object says about it, so a listing
 * answers without reading each object: {@code anthropic/<inverted millis>-<random>/<base64url(filename)>}.
 * The time is inverted (9999999999999 − epoch millis, 13 digits) so that S3's ascending key order is newest first,
 * OpenAI's list order; the random part keeps two uploads of the same millisecond apart; the filename is encoded so
 * that any name is a safe key on any store (the embedded one maps keys to paths).
 *
 * @param createdAt unix seconds
 */
public record StoredFileKey(String key, long createdAt, String filename) {

    /** Every anthropic file's key starts so: a listing of this prefix is the provider's files. */
    public static final String PREFIX = "anthropic/";
    private static final long INVERTED_FROM = 9_999_999_999_999L;
    private static final Pattern KEY = Pattern.compile("anthropic/([0-9]{13})-([0-9a-f]{16})/([A-Za-z0-9_-]{1,700})");
    /** Keeps a key within S3's 1,024 bytes. */
    public static final int MAX_FILENAME_BYTES = 512;

    public static StoredFileKey next(String filename, Instant now, RandomGenerator random) {
        byte[] name = filename.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > MAX_FILENAME_BYTES) {
            throw new IllegalArgumentException("a filename of 1 to " + MAX_FILENAME_BYTES + " bytes");
        }
        long millis = now.toEpochMilli();
        String key = PREFIX + String.format("%013d", INVERTED_FROM - millis) + "-"
                + HexFormat.of().toHexDigits(random.nextLong()) + "/"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(name);
        return new StoredFileKey(key, millis / 1000, filename);
    }

    /** Empty for a string that is no key of this shape (a forged or foreign id). */
    public static Optional<StoredFileKey> parse(String key) {
        Matcher matcher = KEY.matcher(key);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            String filename = new String(Base64.getUrlDecoder().decode(matcher.group(3)), StandardCharsets.UTF_8);
            long millis = INVERTED_FROM - Long.parseLong(matcher.group(1));
            return Optional.of(new StoredFileKey(key, millis / 1000, filename));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
