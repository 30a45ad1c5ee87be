package dev.caravan.provider.anthropic;

import java.net.URI;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The {@code anthropic} provider's settings ({@code caravan.anthropic.*}) that its beans need; timeouts, retries and
 * the circuit breaker are read where the routes are built.
 *
 * @param baseUrl     scheme, host and port of the API (paths start with {@code /v1}); the only origin Caravan's API
 *                    key is sent to, even when a batch's {@code results_url} names another
 * @param version     the {@code anthropic-version} header
 * @param maxRequests the most requests one message batch may hold (Anthropic's limit: 100,000)
 * @param maxBytes    the largest create body, in bytes (Anthropic's limit: 256 MB)
 */
public record AnthropicSettings(URI baseUrl, String apiKey, String version, int maxRequests, long maxBytes) {

    public static AnthropicSettings from(PropertiesComponent properties) {
        return new AnthropicSettings(
                URI.create(required(properties, "base-url")),
                properties.resolveProperty("caravan.anthropic.api-key").map(String::trim).orElse(""),
                required(properties, "version"),
                Integer.parseInt(required(properties, "batch.max-requests")),
                Long.parseLong(required(properties, "batch.max-bytes")));
    }

    private static String required(PropertiesComponent properties, String name) {
        return properties.resolveProperty("caravan.anthropic." + name).map(String::trim).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalStateException("missing setting caravan.anthropic." + name));
    }

    /** Whether {@code url} points at the configured API's origin (scheme, host and port). */
    public boolean sameOrigin(URI url) {
        return url.getScheme() != null && url.getHost() != null
                && url.getScheme().equalsIgnoreCase(baseUrl.getScheme())
                && url.getHost().equalsIgnoreCase(baseUrl.getHost())
                && port(url) == port(baseUrl);
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
