package dev.caravan.model.command;

/** {@code storage_config[s3][bucket|region|prefix]} as the caller sent it; every part may be null. */
public record StorageConfig(String bucket, String region, String prefix) {

    public static final StorageConfig NONE = new StorageConfig(null, null, null);
}
