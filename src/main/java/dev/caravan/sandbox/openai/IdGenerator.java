package dev.caravan.sandbox.openai;

import dev.caravan.sandbox.StableIds;
import java.security.SecureRandom;

/**
 * Object ids in OpenAI's formats. Random ids for stored objects (unguessable, like the real ones); hash-derived ids
 * for anything inside batch results so that the same input always yields the same output file.
 */
final class IdGenerator {

    private static final char[] ALPHANUMERIC =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private IdGenerator() {
    }

    static String random(String prefix, int length) {
        StringBuilder id = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            id.append(ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)]);
        }
        return id.toString();
    }

    static String file() {
        return random("file-", 24);
    }

    /** Current real batch ids are 32 lower-case hex digits after the prefix. */
    static String batch() {
        StringBuilder id = new StringBuilder("batch_");
        for (int i = 0; i < 32; i++) {
            id.append(HEX[RANDOM.nextInt(HEX.length)]);
        }
        return id.toString();
    }

    /** Lower-case hex of SHA-256 over the parts (at most 64 characters). */
    static String stableHex(String prefix, int length, String... parts) {
        byte[] digest = StableIds.digest(parts);
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            int b = digest[i / 2] & 0xff;
            id.append(HEX[i % 2 == 0 ? b >>> 4 : b & 0x0f]);
        }
        return id.toString();
    }

    /** Alphanumeric, like "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT" (at most 32 characters). */
    static String stableAlphanumeric(String prefix, int length, String... parts) {
        return StableIds.of(ALPHANUMERIC, prefix, length, parts);
    }
}
