package dev.caravan.sandbox;

/** How the OpenAI and Anthropic emulators read the API key a caller presents, and name it without revealing it. */
public final class PresentedKey {

    private PresentedKey() {
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), else null. */
    public static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String trimmed = authorization.trim();
        if (trimmed.length() < 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return trimmed.substring(7).trim();
    }

    /** "sk-ab***yz": enough to tell keys apart, never the key itself. Short keys are hidden completely. */
    public static String masked(String key) {
        if (key == null || key.length() < 10) {
            return "***";
        }
        return key.substring(0, 5) + "***" + key.substring(key.length() - 2);
    }
}
