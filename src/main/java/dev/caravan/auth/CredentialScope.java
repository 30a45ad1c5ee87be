package dev.caravan.auth;

/**
 * The scope a SigV4 signature is bound to: {@code <yyyymmdd>/<region>/<service>/aws4_request}. The signing key is
 * derived from it, and it is part of every string to sign (request, chunks, trailer).
 */
public record CredentialScope(String date, String region, String service) {

    public static final String TERMINATOR = "aws4_request";

    @Override
    public String toString() {
        return date + '/' + region + '/' + service + '/' + TERMINATOR;
    }
}
