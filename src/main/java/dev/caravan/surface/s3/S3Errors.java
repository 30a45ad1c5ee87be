package dev.caravan.surface.s3;

import dev.caravan.dispatch.ProviderResolver;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.ObjectCommand;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.surface.ErrorClassifier;
import dev.caravan.wire.S3Xml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders any failure as S3 does (provider-apis.md §7.6): an {@code <Error>} document with
 * {@code application/xml}, S3's code and status, the operation's extras ({@code Key}, {@code BucketName},
 * {@code Condition}); HEAD and 304 answers carry no body. An upstream S3's own error keeps its code and status.
 */
public class S3Errors {

    private static final Logger LOG = LoggerFactory.getLogger(S3Errors.class);

    public void render(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GatewayError error = ErrorClassifier.classify(failure, exchange.getProperty(ProviderResolver.PROVIDER, String.class));
        S3Error s3 = S3Error.of(error);
        log(exchange, s3, error, failure);
        exchange.getMessage().setBody(null);
        if (S3Exchange.request(exchange) == null) {
            return;
        }
        S3Reply reply = S3Reply.to(exchange);
        if (reply.started()) {
            reply.cut();
            return;
        }
        reply.status(s3.status()).header("Retry-After", error.retryAfter());
        if (reply.isHead() || s3.status() == 304) {
            reply.sendEmpty();
            return;
        }
        ObjectCommand command = S3Exchange.command(exchange);
        ObjectAddress address = command == null ? null : command.address();
        reply.sendXml(S3Xml.error(s3.code(), error.getMessage(), details(s3.code(), error, address),
                address == null ? null : address.resource(), S3Exchange.requestId(exchange),
                S3Exchange.hostId(exchange)));
    }

    private static Map<String, String> details(String code, GatewayError error, ObjectAddress address) {
        Map<String, String> details = new LinkedHashMap<>();
        if (code.equals("NoSuchKey") && address != null) {
            details.put("Key", address.key());
        } else if (code.equals("NoSuchBucket") && address != null) {
            details.put("BucketName", address.bucket());
        } else if (code.equals("PreconditionFailed") && error.param() != null) {
            details.put("Condition", error.param());
        } else if (code.equals("InvalidArgument") && error.param() != null) {
            details.put("ArgumentName", error.param());
        }
        return details;
    }

    private static void log(Exchange exchange, S3Error s3, GatewayError error, Throwable failure) {
        String route = exchange.getFromRouteId();
        if (error.kind() == ErrorKind.INTERNAL) {
            LOG.error("{}: internal error", route, failure);
        } else if (error.kind().name().startsWith("UPSTREAM_") || s3.status() >= 500 && s3.status() != 501) {
            LOG.warn("{}: {} {} ({}: {})", route, s3.code(), error.getMessage(), failure.getClass().getSimpleName(),
                    failure.getMessage());
        } else {
            LOG.debug("{}: {} {} {}", route, s3.status(), s3.code(), error.getMessage());
        }
    }

    /** S3's code and status for an error: the upstream's own when it had one, else by kind. */
    record S3Error(int status, String code) {

        /** S3's codes are CamelCase words; other providers' codes (rate_limit_exceeded, NOT_FOUND) are not. */
        private static final Pattern S3_CODE = Pattern.compile("[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*");

        static S3Error of(GatewayError error) {
            if (error.code() != null && S3_CODE.matcher(error.code()).matches()) {
                return new S3Error(error.status(), error.code());
            }
            if (error.status() == 429) {
                // another provider's rate limit: S3 says SlowDown, which every S3 client backs off and retries
                return new S3Error(503, "SlowDown");
            }
            return switch (error.kind()) {
                case NOT_MODIFIED -> new S3Error(304, "NotModified");
                case INVALID_REQUEST -> new S3Error(400, "InvalidArgument");
                case UNAUTHORIZED -> new S3Error(403, "AccessDenied");
                case NOT_FOUND -> new S3Error(404, "NoSuchKey");
                case CONFLICT -> new S3Error(409, "OperationAborted");
                case PRECONDITION_FAILED -> new S3Error(412, "PreconditionFailed");
                case TOO_LARGE -> new S3Error(400, "EntityTooLarge");
                case UNSUPPORTED -> new S3Error(501, "NotImplemented");
                case UPSTREAM_UNAVAILABLE -> new S3Error(503, "ServiceUnavailable");
                case UPSTREAM_TIMEOUT -> new S3Error(503, "ServiceUnavailable");
                case UPSTREAM_CIRCUIT_OPEN -> new S3Error(503, "ServiceUnavailable");
                case UPSTREAM_ERROR -> new S3Error(error.status(), "InternalError");
                default -> new S3Error(500, "InternalError");
            };
        }
    }
}
