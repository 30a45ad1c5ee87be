package dev.caravan.provider.bedrock;

import java.util.regex.Pattern;

/**
 * S3's bucket naming rules (3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or
 * digit). A name outside them can never be a bucket: it is refused up front rather than handed to the S3 client,
 * which would fail on it in its own way.
 */
final class S3BucketName {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private S3BucketName() {
    }

    static boolean valid(String bucket) {
        return bucket != null && NAME.matcher(bucket).matches() && !bucket.contains("..");
    }
}
