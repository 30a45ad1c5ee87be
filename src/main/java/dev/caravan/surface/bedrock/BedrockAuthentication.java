package dev.caravan.surface.bedrock;

import dev.caravan.auth.ApiKeys;
import dev.caravan.auth.SigV4Exception;
import dev.caravan.auth.SigV4Verifier;
import dev.caravan.auth.SignedRequest;
import dev.caravan.auth.Sha256;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Caravan's API keys on the Bedrock batch API, the two ways AWS's Bedrock clients authenticate: SigV4 for service
 * {@code bedrock} (key id = access key id, secret = secret access key) over the request and its body, or a Bedrock
 * API key as {@code Authorization: Bearer <secret>} (boto3 with {@code AWS_BEARER_TOKEN_BEDROCK}). Refusals carry the
 * exceptions AWS's front ends answer with; with no keys configured every request passes.
 */
public final class BedrockAuthentication {

    static final String SERVICE = "bedrock";
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final SigV4Verifier verifier;

    public BedrockAuthentication(ApiKeys keys, Clock clock) {
        this.keys = keys;
        this.verifier = keys.enabled() ? new SigV4Verifier(keys, SERVICE, clock) : null;
    }

    /** Runs first in every route, while the body is still the bytes the caller sent (they are signed). */
    void authenticate(Exchange exchange) {
        if (verifier == null) {
            return;
        }
        HttpServerRequest request = exchange.getIn(HttpMessage.class).getRequest();
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            if (!keys.isSecret(authorization.substring(BEARER.length()).trim())) {
                throw refused("UnrecognizedClientException", "The security token included in the request is invalid.");
            }
            return;
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        try {
            verifier.verify(SignedRequest.of(request),
                    body == null ? Sha256.EMPTY_HEX : Sha256.hex(Sha256.newDigest().digest(body)));
        } catch (SigV4Exception failure) {
            throw switch (failure.failure()) {
                case ACCESS_DENIED -> refused("MissingAuthenticationTokenException", "Missing Authentication Token");
                case INVALID_ACCESS_KEY_ID -> refused("UnrecognizedClientException",
                        "The security token included in the request is invalid.");
                case SIGNATURE_DOES_NOT_MATCH, REQUEST_TIME_TOO_SKEWED ->
                        refused("InvalidSignatureException", failure.getMessage());
                default -> refused("IncompleteSignatureException", failure.getMessage());
            };
        }
    }

    private static GatewayError refused(String type, String message) {
        return new GatewayError(ErrorKind.UNAUTHORIZED, 403, message, null, type, null);
    }
}
