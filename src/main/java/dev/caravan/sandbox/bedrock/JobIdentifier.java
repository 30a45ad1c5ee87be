package dev.caravan.sandbox.bedrock;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code jobIdentifier} path segment of Get and Stop: the job ARN or its 12-character id
 * (client-wire.md §2). The SDKs send the ARN percent-encoded as one segment ({@code %3A}, {@code %2F}); it is
 * decoded here exactly once, from the raw path, so the {@code /} inside never splits the route.
 */
final class JobIdentifier {

    static final Pattern PATTERN = Pattern.compile(
            "(arn:aws(-[^:]+)?:bedrock:([a-z0-9-]{1,20}):([0-9]{12}):model-invocation-job/)?([a-z0-9]{12})");

    private JobIdentifier() {
    }

    /**
     * The job id a raw segment designates, or null when it is well-formed but cannot be one of this emulator's jobs
     * (another region or account: the real service would not find it either).
     *
     * @throws ServiceError ValidationException for a malformed identifier
     */
    static String jobId(String rawSegment, String region, String accountId) {
        String identifier = decode(rawSegment);
        Matcher matcher = PATTERN.matcher(identifier);
        Violations violations = new Violations();
        violations.string(identifier, "jobIdentifier", 0, 1011, PATTERN);
        violations.throwIfAny();
        matcher.matches();
        if (matcher.group(1) != null && (!matcher.group(3).equals(region) || !matcher.group(4).equals(accountId))) {
            return null;
        }
        return matcher.group(5);
    }

    /** Percent-decoding only ({@code +} stays a plus); a broken escape is a ValidationException. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] out = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw ServiceError.validation("The job identifier is not correctly percent-encoded.");
                }
                out[length++] = (byte) (high * 16 + low);
                i += 2;
            } else if (c < 0x80) {
                out[length++] = (byte) c;
            } else {
                throw ServiceError.validation("The job identifier is not correctly percent-encoded.");
            }
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }
}
