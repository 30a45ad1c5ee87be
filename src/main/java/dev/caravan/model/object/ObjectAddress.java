package dev.caravan.model.object;

/** A bucket, and a key within it when the request names one ({@code null} for bucket-level requests). */
public record ObjectAddress(String bucket, String key) {

    /** The S3 resource path, as error bodies name it. */
    public String resource() {
        return key == null ? "/" + bucket : "/" + bucket + "/" + key;
    }
}
