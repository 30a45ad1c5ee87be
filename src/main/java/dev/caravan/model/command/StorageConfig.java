package dev.caravan.model.command;

import java.util.function.Function;

/** {@code storage_config[s3][bucket|region|prefix]} as the caller sent it; every part may be null. */
public record StorageConfig(String bucket, String region, String prefix) {

    public static final StorageConfig NONE = new StorageConfig(null, null, null);

    /** Read from the request's parameters (form fields or query) by their {@code storage_config[s3][…]} names. */
    public static StorageConfig from(Function<String, String> parameter) {
        return new StorageConfig(parameter.apply("storage_config[s3][bucket]"),
                parameter.apply("storage_config[s3][region]"), parameter.apply("storage_config[s3][prefix]"));
    }
}
