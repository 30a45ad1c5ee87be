package dev.caravan.sandbox.anthropic;

import dev.caravan.sandbox.StableIds;
import java.security.SecureRandom;

/**
 * Ids in Anthropic's shapes: a prefix, {@code 01}, then 22 base58 characters
 * ({@code msgbatch_013Zva2CMHLNnXjNJJKqJ2EF}, {@code msg_014VwiXbi91y3JMjcpyGBHX5}, {@code req_011CSHoEeqs5C35K2UUqR7Fy}).
 * Batches and request ids are random
 * (unguessable, like the real ones); the ids inside results are derived from the batch and the request, so a batch
 * always writes the same results.
 */
final class Ids {

    private static final char[] BASE58 =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String batch() {
        return random("msgbatch_01");
    }

    static String request() {
        return random("req_01");
    }

    static String message(String batchId, String customId) {
        return stable("msg_01", batchId, customId, "message");
    }

    /** The id of the call that failed, inside an errored result's ErrorResponse. */
    static String failedRequest(String batchId, String customId) {
        return stable("req_01", batchId, customId, "request");
    }

    private static String random(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + LENGTH).append(prefix);
        for (int i = 0; i < LENGTH; i++) {
            id.append(BASE58[RANDOM.nextInt(BASE58.length)]);
        }
        return id.toString();
    }

    private static String stable(String prefix, String... parts) {
        return StableIds.of(BASE58, prefix, LENGTH, parts);
    }
}
