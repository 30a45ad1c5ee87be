package dev.caravan.sandbox.bedrock;

/**
 * An {@code s3://bucket/key} URI of a job's input or output, split at the first slash after the bucket. The key is
 * empty for a bare bucket; whether it names an object or a prefix is decided when the job reads it.
 */
record S3Uri(String bucket, String key) {

    static S3Uri parse(String uri) {
        if (!uri.startsWith("s3://")) {
            throw new IllegalArgumentException("not an s3:// URI: " + uri);
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? new S3Uri(rest, "") : new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The key as a folder: empty, or ending in one slash. */
    String prefix() {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    boolean isPrefix() {
        return key.isEmpty() || key.endsWith("/");
    }

    /** The last path segment of the key: the input file's name. */
    String fileName() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
