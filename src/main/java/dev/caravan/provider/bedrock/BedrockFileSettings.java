package dev.caravan.provider.bedrock;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Where the bedrock provider puts batch input files uploaded through the OpenAI Files API when the caller sends no
 * {@code storage_config[s3][bucket|prefix]}: a bucket (empty: none, the caller must name one) and a key prefix
 * (empty: the bucket's root).
 */
public record BedrockFileSettings(String defaultBucket, String defaultPrefix) {

    private static final String PREFIX = "caravan.bedrock.files.";

    public static BedrockFileSettings from(PropertiesComponent properties) {
        return new BedrockFileSettings(value(properties, "default-bucket"), value(properties, "default-prefix"));
    }

    private static String value(PropertiesComponent properties, String name) {
        return properties.resolveProperty(PREFIX + name).map(String::trim).orElse("");
    }
}
