package dev.caravan.provider.bedrock;

import dev.caravan.provider.BreakerSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Where the bedrock provider's files live: an S3 endpoint (AWS when {@code endpoint} is null), its region and
 * credentials (the default AWS chain when no key is set), and the buckets callers may touch (any when empty).
 * {@code createBuckets} is the sandbox's "bucket on first use" (DESIGN §8b); against real S3 it stays off.
 */
public record S3StoreSettings(URI endpoint, String region, String accessKey, String secretKey, boolean pathStyle,
                              boolean createBuckets, Set<String> allowedBuckets, Duration connectTimeout,
                              Duration readTimeout, int maxAttempts, BreakerSettings breaker) {

    private static final String PREFIX = "caravan.bedrock.s3.";

    public static S3StoreSettings from(PropertiesComponent properties) {
        String endpoint = value(properties, "endpoint");
        return new S3StoreSettings(
                endpoint.isEmpty() ? null : URI.create(endpoint),
                value(properties, "region"),
                value(properties, "access-key"),
                value(properties, "secret-key"),
                Boolean.parseBoolean(value(properties, "path-style")),
                Boolean.parseBoolean(value(properties, "create-buckets")),
                Arrays.stream(value(properties, "allowed-buckets").split(","))
                        .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet()),
                Duration.ofMillis(Long.parseLong(value(properties, "connect-timeout"))),
                Duration.ofMillis(Long.parseLong(value(properties, "read-timeout"))),
                Integer.parseInt(value(properties, "max-attempts")),
                BreakerSettings.from(properties, "caravan.bedrock.s3"));
    }

    private static String value(PropertiesComponent properties, String name) {
        return properties.resolveProperty(PREFIX + name).map(String::trim).orElse("");
    }

    public boolean allows(String bucket) {
        return allowedBuckets.isEmpty() || allowedBuckets.contains(bucket);
    }
}
