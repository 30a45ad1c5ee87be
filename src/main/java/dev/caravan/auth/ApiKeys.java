package dev.caravan.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Caravan's own API keys ({@code caravan.auth.keys}): comma-separated {@code <key id>:<secret>} pairs. The OpenAI
 * surface takes a secret as its Bearer token; the S3 surface takes the key id as the SigV4 access key id and the
 * secret as the secret access key. No keys means authentication is off.
 *
 * <p>Neither a secret nor a key id ever appears in an exception message or in {@link #toString()}: both end up in logs.
 */
public final class ApiKeys {

    private static final ApiKeys NONE = new ApiKeys(Map.of());

    private final Map<String, String> secrets;
    /** SHA-256 of every secret, so a presented Bearer token is compared in constant time whatever its length. */
    private final byte[][] secretDigests;

    private ApiKeys(Map<String, String> secrets) {
        this.secrets = Collections.unmodifiableMap(secrets);
        this.secretDigests = secrets.values().stream().map(ApiKeys::sha256).toArray(byte[][]::new);
    }

    public static ApiKeys none() {
        return NONE;
    }

    /**
     * Parses the setting. A malformed list refuses to start Caravan rather than leaving a surface open: an operator
     * who set keys wants authentication on.
     *
     * @throws IllegalArgumentException naming the position of the bad pair, never its content
     */
    public static ApiKeys parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        String[] pairs = setting.split(",", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i].trim();
            if (pair.isEmpty()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("caravan.auth.keys: entry " + (i + 1)
                        + " is not of the form <key id>:<secret>");
            }
            String id = pair.substring(0, colon).trim();
            String secret = pair.substring(colon + 1).trim();
            if (id.isEmpty() || secret.isEmpty() || containsWhitespace(id) || containsWhitespace(secret)) {
                throw new IllegalArgumentException("caravan.auth.keys: entry " + (i + 1)
                        + " has an empty key id or secret, or one with whitespace in it");
            }
            // A key id names one secret in SigV4's Credential; two secrets under one id would make that ambiguous.
            if (secrets.putIfAbsent(id, secret) != null) {
                throw new IllegalArgumentException("caravan.auth.keys: entry " + (i + 1)
                        + " repeats the key id of an earlier entry");
            }
        }
        return secrets.isEmpty() ? NONE : new ApiKeys(secrets);
    }

    /** Whether any key is configured, i.e. whether callers must authenticate. */
    public boolean enabled() {
        return !secrets.isEmpty();
    }

    public int size() {
        return secrets.size();
    }

    /** The secret of a key id (SigV4's access key id); key ids are not secret, so a map lookup is fine. */
    public Optional<String> secretOf(String keyId) {
        return Optional.ofNullable(secrets.get(keyId));
    }

    /**
     * Whether {@code presented} is one of the secrets. Compares SHA-256 digests with {@link MessageDigest#isEqual}
     * (equal lengths, constant time) and always looks at every key, so the answer time says nothing about how much
     * of a secret was right or which key came close.
     */
    public boolean isSecret(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] digest = sha256(presented);
        boolean found = false;
        for (byte[] secretDigest : secretDigests) {
            found |= MessageDigest.isEqual(secretDigest, digest);
        }
        return found;
    }

    @Override
    public String toString() {
        return "ApiKeys[" + secrets.size() + " keys]";
    }

    private static boolean containsWhitespace(String value) {
        return value.chars().anyMatch(Character::isWhitespace);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }
}
