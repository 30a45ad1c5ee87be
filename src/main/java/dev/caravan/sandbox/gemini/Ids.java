package dev.caravan.sandbox.gemini;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Resource ids in the Gemini API's shapes: files and batches get random lowercase alphanumerics (real ones look like
 * {@code files/abc123xyz789} and {@code batches/123abc456def}), and a client-chosen file id must follow
 * file.proto's rule: at most 40 characters of {@code [a-z0-9-]}, not starting or ending with a dash
 * (provider-apis.md §4.4).
 */
final class Ids {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Pattern FILE_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String file() {
        return random(12);
    }

    static String batch() {
        return random(20);
    }

    /** The upload session id inside an upload URL: long and random, since the URL alone authorizes the upload. */
    static String upload() {
        return random(40);
    }

    /**
     * A response's {@code responseId}, derived from the batch and the request's position: a batch always writes the
     * same results.
     */
    static String response(String batchId, long index) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((batchId + "/" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    static boolean validFileId(String id) {
        return FILE_ID.matcher(id).matches();
    }

    private static String random(int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
