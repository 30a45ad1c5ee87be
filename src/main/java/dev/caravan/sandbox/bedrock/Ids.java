package dev.caravan.sandbox.bedrock;

import dev.caravan.sandbox.StableIds;
import java.security.SecureRandom;

/**
 * Identifiers: random job ids (12 lower-case alphanumerics, the job ARN's suffix, unguessable as the real ones are),
 * and ids derived from a hash for anything inside results, so that the same input always yields the same output.
 */
final class Ids {

    private static final char[] LOWER_ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final char[] UPPER_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final char[] ALPHANUMERIC =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String jobId() {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(LOWER_ALPHANUMERIC[RANDOM.nextInt(LOWER_ALPHANUMERIC.length)]);
        }
        return id.toString();
    }

    /**
     * The recordId Bedrock adds to a record that has none: "an 11 character alphanumeric string" (batch-inference-data
     * docs). Derived from the job, the file and the line, so a rerun of the same job writes the same ids.
     */
    static String recordId(String jobId, String fileKey, long lineNumber) {
        return stable(UPPER_ALPHANUMERIC, "", 11, jobId, fileKey, Long.toString(lineNumber));
    }

    /** Alphanumeric, as in Claude's {@code msg_bdrk_01XFDUDYJgAACzvnptvVoYEL} (at most 32 characters after the prefix). */
    static String stable(String prefix, int length, String... parts) {
        return stable(ALPHANUMERIC, prefix, length, parts);
    }

    private static String stable(char[] alphabet, String prefix, int length, String... parts) {
        return StableIds.of(alphabet, prefix, length, parts);
    }

    static byte[] digest(String... parts) {
        return StableIds.digest(parts);
    }
}
