package dev.caravan.sandbox.bedrock;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The opaque nextToken of ListModelInvocationJobs: the sort key of the last job returned (submit time, creation
 * sequence) and a fingerprint of the query it belongs to. A cursor, not an offset, so jobs created between two pages
 * neither repeat nor shift what follows; a token used with other filters is refused rather than misread.
 */
record PageToken(long submitMillis, long sequence, String fingerprint) {

    String encode() {
        String text = submitMillis + ":" + sequence + ":" + hash(fingerprint);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ServiceError ValidationException for a token this query did not issue */
    static PageToken decode(String token, String fingerprint) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = text.split(":", -1);
            if (parts.length == 3 && parts[2].equals(hash(fingerprint))) {
                return new PageToken(Long.parseLong(parts[0]), Long.parseLong(parts[1]), fingerprint);
            }
        } catch (IllegalArgumentException e) {
            // fall through: not one of ours
        }
        throw ServiceError.validation("The nextToken is invalid or does not belong to this request.");
    }

    private static String hash(String fingerprint) {
        return HexFormat.of().formatHex(Ids.digest(fingerprint), 0, 8);
    }
}
