package dev.caravan.surface.bedrock;

import dev.caravan.dispatch.ProviderResolver;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.surface.ErrorClassifier;
import dev.caravan.wire.BedrockJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders any failure as the Bedrock control plane does (provider-apis.md §6.6): the status, the exception name in
 * {@code x-amzn-ErrorType}, a request id, and {@code {"message"}}. An upstream's own Bedrock exception keeps its name
 * and status; Caravan's own errors take the service model's exception for their kind.
 */
public class BedrockErrors {

    private static final Logger LOG = LoggerFactory.getLogger(BedrockErrors.class);
    private static final String ERROR_TYPE = "x-amzn-ErrorType";

    public void render(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GatewayError error = ErrorClassifier.classify(failure, exchange.getProperty(ProviderResolver.PROVIDER, String.class));
        String type = type(error);
        log(exchange, type, error, failure);
        Message message = exchange.getMessage();
        // the service model gives ConflictException status 400, not HTTP's 409
        int status = error.kind() == ErrorKind.CONFLICT ? 400 : error.status();
        BedrockJobResponses.writeJson(message, status, BedrockJson.error(error.getMessage()));
        message.setHeader(ERROR_TYPE, type);
        if (error.retryAfter() != null) {
            message.setHeader("Retry-After", error.retryAfter());
        }
    }

    /** The exception name the SDKs turn into their exception class. */
    static String type(GatewayError error) {
        if (error.code() != null && error.code().endsWith("Exception")) {
            return error.code();
        }
        if (error.kind() == ErrorKind.CONFLICT) {
            return "ConflictException";
        }
        return switch (error.status()) {
            case 403, 401 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> error.status() >= 500 ? "InternalServerException" : "ValidationException";
        };
    }

    private static void log(Exchange exchange, String type, GatewayError error, Throwable failure) {
        String route = exchange.getFromRouteId();
        if (error.kind() == ErrorKind.INTERNAL) {
            LOG.error("{}: internal error", route, failure);
        } else if (error.status() >= 500) {
            LOG.warn("{}: {} {} ({}: {})", route, type, error.getMessage(), failure.getClass().getSimpleName(),
                    failure.getMessage());
        } else {
            LOG.debug("{}: {} {} {}", route, error.status(), type, error.getMessage());
        }
    }
}
