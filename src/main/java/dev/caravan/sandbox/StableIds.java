package dev.caravan.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ids the emulators derive from what they name (a batch and a line, a job and a record…) rather than draw at random,
 * so the same input always gets the same id and results can be asserted on.
 */
public final class StableIds {

    private StableIds() {
    }

    /** {@code prefix} and {@code length} characters of {@code alphabet}, taken from the SHA-256 of the parts. */
    public static String of(char[] alphabet, String prefix, int length, String... parts) {
        byte[] digest = digest(parts);
        StringBuilder id = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            id.append(alphabet[(digest[i] & 0xff) % alphabet.length]);
        }
        return id.toString();
    }

    /** SHA-256 of the parts, each followed by a zero byte: ("ab","c") and ("a","bc") must differ. */
    public static byte[] digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
