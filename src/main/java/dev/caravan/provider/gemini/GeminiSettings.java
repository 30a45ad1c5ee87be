package dev.caravan.provider.gemini;

import java.net.URI;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The {@code gemini} provider's settings ({@code caravan.gemini.*}) that its beans need; timeouts, retries and the
 * circuit breaker are read where the routes are built.
 *
 * @param baseUrl     scheme, host and port of the API (paths start with {@code /v1beta} or {@code /upload/v1beta});
 *                    every call goes there, so it is the only origin Caravan's API key is sent to
 * @param maxRequests the most requests one batch input file may hold
 * @param maxBytes    the largest batch input file, in bytes, as converted to Gemini lines (Gemini's limit: 2 GB)
 * @param keepCopies  whether an uploaded file is also kept, as uploaded, in Caravan's store (Gemini does not serve
 *                    uploaded files' bytes)
 */
public record GeminiSettings(URI baseUrl, String apiKey, int maxRequests, long maxBytes, boolean keepCopies) {

    public static GeminiSettings from(PropertiesComponent properties) {
        return new GeminiSettings(
                URI.create(required(properties, "base-url")),
                properties.resolveProperty("caravan.gemini.api-key").map(String::trim).orElse(""),
                Integer.parseInt(required(properties, "batch.max-requests")),
                Long.parseLong(required(properties, "batch.max-bytes")),
                Boolean.parseBoolean(required(properties, "files.keep-copy")));
    }

    private static String required(PropertiesComponent properties, String name) {
        return properties.resolveProperty("caravan.gemini." + name).map(String::trim).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalStateException("missing setting caravan.gemini." + name));
    }
}
