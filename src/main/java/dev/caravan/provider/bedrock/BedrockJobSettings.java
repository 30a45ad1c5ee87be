package dev.caravan.provider.bedrock;

import dev.caravan.provider.BreakerSettings;
import java.net.URI;
import java.time.Duration;
import org.apache.camel.spi.PropertiesComponent;

/**
 * How the bedrock provider reaches the Bedrock control plane: the endpoint (AWS's for the region when null), region,
 * credentials (the default AWS chain when no key is set), the server-side role used when a caller sends none (empty:
 * none configured), timeouts and attempts per call, its circuit breaker, and the quotas a job's input is checked against.
 */
public record BedrockJobSettings(URI endpoint, String region, String accessKey, String secretKey, String roleArn,
                                 Duration connectTimeout, Duration readTimeout, int maxAttempts, BreakerSettings breaker,
                                 JobQuotas quotas) {

    private static final String PREFIX = "caravan.bedrock.";

    public static BedrockJobSettings from(PropertiesComponent properties) {
        String endpoint = value(properties, "endpoint");
        return new BedrockJobSettings(
                endpoint.isEmpty() ? null : URI.create(endpoint),
                value(properties, "region"),
                value(properties, "access-key"),
                value(properties, "secret-key"),
                value(properties, "role-arn"),
                Duration.ofMillis(Long.parseLong(value(properties, "connect-timeout"))),
                Duration.ofMillis(Long.parseLong(value(properties, "read-timeout"))),
                Integer.parseInt(value(properties, "max-attempts")),
                BreakerSettings.from(properties, "caravan.bedrock"),
                JobQuotas.parse(new RecordQuotas(
                        Long.parseLong(value(properties, "jobs.min-records")),
                        Long.parseLong(value(properties, "jobs.max-records")),
                        Long.parseLong(value(properties, "jobs.max-records-per-file")),
                        Long.parseLong(value(properties, "jobs.max-file-bytes")),
                        Long.parseLong(value(properties, "jobs.max-job-bytes"))),
                        value(properties, "jobs.model-record-quotas")));
    }

    private static String value(PropertiesComponent properties, String name) {
        return properties.resolveProperty(PREFIX + name).map(String::trim).orElse("");
    }
}
