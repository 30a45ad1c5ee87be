package dev.caravan.provider;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * The exchange's message made into a fresh request for an HTTP upstream (OpenAI, Anthropic, Gemini): nothing of the
 * caller's request travels on (its Authorization above all), only the method, path and query given, answers asked
 * for as JSON. Each provider then adds its own credentials.
 */
public final class UpstreamRequest {

    private UpstreamRequest() {
    }

    /** A provider without its server-side key cannot be called: the caller hears which setting to set. */
    public static void requireKey(String apiKey, String provider, String variable, String setting) {
        if (apiKey == null || apiKey.isEmpty()) {
            throw GatewayError.of(ErrorKind.UNAUTHORIZED, "Caravan has no API key for provider '" + provider
                    + "': set " + variable + " (" + setting + ").");
        }
    }

    /** {@code path} null keeps the endpoint's own; {@code query} entries with a null value are left out. */
    public static Message start(Exchange exchange, String method, String path, Map<String, Object> query) {
        Message message = exchange.getMessage();
        message.setBody(null);
        message.removeHeaders("*");
        // as camel-http's own enum: a String would go through the type converter on every call
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method));
        if (path != null) {
            message.setHeader(Exchange.HTTP_PATH, path);
        }
        if (query != null) {
            String encoded = query.entrySet().stream()
                    .filter(entry -> entry.getValue() != null)
                    .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue().toString(),
                            StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            if (!encoded.isEmpty()) {
                message.setHeader(Exchange.HTTP_QUERY, encoded);
            }
        }
        message.setHeader("Accept", "application/json");
        return message;
    }
}
