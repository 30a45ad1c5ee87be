package dev.caravan.store;

import java.net.URI;
import java.nio.file.Path;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Where Caravan keeps the files it holds itself ({@code caravan.store.*}): a bucket on an S3-compatible endpoint, or,
 * when no endpoint is set, on an embedded S3 store Caravan runs with its data under {@code dir}.
 *
 * @param endpoint  null: the embedded store
 * @param accessKey empty (with an endpoint): the default AWS credential chain
 * @param pathStyle path-style addressing for S3-compatible stores without per-bucket host names (always on for the
 *                  embedded store)
 * @param dir       the embedded store's data directory; unused with an endpoint
 */
public record StoreSettings(String bucket, URI endpoint, String region, String accessKey, String secretKey,
                            boolean pathStyle, Path dir) {

    private static final String PREFIX = "caravan.store.";

    public StoreSettings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("caravan.store.bucket must name a bucket");
        }
    }

    public static StoreSettings from(PropertiesComponent properties) {
        String endpoint = value(properties, "endpoint", "");
        return new StoreSettings(
                value(properties, "bucket", "caravan-files"),
                endpoint.isEmpty() ? null : URI.create(endpoint),
                value(properties, "region", "us-east-1"),
                value(properties, "access-key", ""),
                value(properties, "secret-key", ""),
                Boolean.parseBoolean(value(properties, "path-style", "false")),
                Path.of(value(properties, "dir", "data/store")));
    }

    public boolean embedded() {
        return endpoint == null;
    }

    private static String value(PropertiesComponent properties, String name, String fallback) {
        return properties.resolveProperty(PREFIX + name).map(String::trim).filter(v -> !v.isEmpty()).orElse(fallback);
    }
}
