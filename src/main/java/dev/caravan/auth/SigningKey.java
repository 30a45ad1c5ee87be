package dev.caravan.auth;

import java.nio.charset.StandardCharsets;

/**
 * A SigV4 signing key: HMAC-SHA256 of {@code "aws4_request"} under the key for the service, under the key for the
 * region, under the key for the date, under {@code "AWS4" + secret}. It is good for one scope only, so a signature
 * made for another day, region or service never verifies with it.
 */
public final class SigningKey {

    private final byte[] key;
    private final CredentialScope scope;

    private SigningKey(byte[] key, CredentialScope scope) {
        this.key = key;
        this.scope = scope;
    }

    public static SigningKey derive(String secret, CredentialScope scope) {
        byte[] date = Sha256.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
        byte[] region = Sha256.hmac(date, scope.region());
        byte[] service = Sha256.hmac(region, scope.service());
        return new SigningKey(Sha256.hmac(service, CredentialScope.TERMINATOR), scope);
    }

    public CredentialScope scope() {
        return scope;
    }

    /** The hex signature of a string to sign. */
    public String sign(String stringToSign) {
        return Sha256.hex(Sha256.hmac(key, stringToSign));
    }

    @Override
    public String toString() {
        // never the key: it signs for its scope as well as the secret would
        return "SigningKey[" + scope + "]";
    }
}
