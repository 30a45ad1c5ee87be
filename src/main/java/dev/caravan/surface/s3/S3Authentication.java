package dev.caravan.surface.s3;

import dev.caravan.auth.ApiKeys;
import dev.caravan.auth.SigV4Exception;
import dev.caravan.auth.SigV4Verifier;
import dev.caravan.auth.SignedRequest;
import dev.caravan.auth.VerifiedRequest;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;

/**
 * SigV4 authentication of the S3 surface with Caravan's API keys (key id = access key id, secret = secret access
 * key). Runs on the request line and headers only, before any body byte is read, so a refused upload is refused
 * before the client sends it; the body's own checks (payload hash, chunk signatures) follow in
 * {@link S3RequestBodies}. With no keys configured every request passes, as the documents' dummy credentials expect.
 */
public final class S3Authentication {

    /** The signing name S3 clients put in their credential scope. */
    static final String SERVICE = "s3";

    private final SigV4Verifier verifier;

    public S3Authentication(ApiKeys keys, Clock clock) {
        this.verifier = keys.enabled() ? new SigV4Verifier(keys, SERVICE, clock) : null;
    }

    public static S3Authentication off() {
        return new S3Authentication(ApiKeys.none(), Clock.systemUTC());
    }

    public boolean enabled() {
        return verifier != null;
    }

    /**
     * @return the verified signature (whose chunk signatures the body must then carry), or null when authentication
     *     is off
     * @throws GatewayError with S3's code and status (AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch, …)
     */
    VerifiedRequest authenticate(HttpServerRequest request) {
        if (verifier == null) {
            return null;
        }
        try {
            return verifier.verify(SignedRequest.of(request));
        } catch (SigV4Exception refused) {
            ErrorKind kind = refused.failure().status() == 403 ? ErrorKind.UNAUTHORIZED : ErrorKind.INVALID_REQUEST;
            throw new GatewayError(kind, refused.failure().status(), refused.getMessage(), null,
                    refused.failure().code(), null);
        }
    }
}
