package dev.caravan.surface.openai;

import dev.caravan.dispatch.ProviderResolver;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.surface.ErrorClassifier;
import dev.caravan.surface.openai.upload.ArrivingUpload;
import dev.caravan.wire.OpenAiJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders any failure in OpenAI's error envelope (DESIGN §6): upstream status and message kept, no internals. */
public class OpenAiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiErrors.class);

    public void render(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        String provider = exchange.getProperty(ProviderResolver.PROVIDER, String.class);
        GatewayError error = ErrorClassifier.classify(failure, provider);
        log(exchange, error, failure);
        ArrivingUpload upload = exchange.getProperty(ArrivingUpload.PROPERTY, ArrivingUpload.class);
        if (upload != null) {
            // an upload answered before its body was read through: the caller, still sending, should hear the
            // answer rather than a reset, so the rest is read first (within the body limit)
            upload.discardRest();
        }
        OpenAiResponses.writeJson(message, error.status(),
                OpenAiJson.error(error.getMessage(), type(error), error.param(), code(error)));
        if (upload != null && upload.closeConnectionIfFormUnfinished()) {
            message.setHeader("Connection", "close");
        }
        if (error.retryAfter() != null) {
            // an upstream's "slow down, for this long" reaches the caller's SDK, which waits it out before retrying
            message.setHeader("Retry-After", error.retryAfter());
        }
    }

    private static String type(GatewayError error) {
        if (error.type() != null) {
            return error.type();
        }
        return error.status() >= 500 ? "server_error" : "invalid_request_error";
    }

    private static String code(GatewayError error) {
        if (error.code() != null) {
            return error.code();
        }
        return switch (error.kind()) {
            case UNAUTHORIZED -> "invalid_api_key";
            case NOT_FOUND -> "not_found";
            case TOO_LARGE -> "file_too_large";
            case UNSUPPORTED -> "unsupported_operation";
            case UPSTREAM_UNAVAILABLE -> "upstream_unavailable";
            case UPSTREAM_TIMEOUT -> "upstream_timeout";
            case UPSTREAM_CIRCUIT_OPEN -> "upstream_circuit_open";
            default -> null;
        };
    }

    private static void log(Exchange exchange, GatewayError error, Throwable failure) {
        String route = exchange.getFromRouteId();
        if (error.kind() == ErrorKind.INTERNAL) {
            LOG.error("{}: internal error", route, failure);
        } else if (error.status() >= 500) {
            // the exception's own message can name hosts and ports, not secrets; the class says what happened
            LOG.warn("{}: {} ({}: {})", route, error.getMessage(), failure.getClass().getSimpleName(),
                    failure.getMessage());
        } else {
            LOG.debug("{}: {} {}", route, error.status(), error.getMessage());
        }
    }
}
