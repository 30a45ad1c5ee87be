package dev.caravan.provider.bedrock;

import dev.caravan.model.GatewayError;
import dev.caravan.model.object.ObjectAddress;

/** {@code s3://bucket/key} URIs, as Bedrock's data configs name objects and prefixes. */
final class S3Location {

    private static final String SCHEME = "s3://";

    private S3Location() {
    }

    /** The bucket and the key (empty for the whole bucket) of an S3 URI the surface has already checked. */
    static ObjectAddress parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME) || uri.length() == SCHEME.length()) {
            throw GatewayError.invalid("s3Uri", "Not an S3 URI: " + uri);
        }
        String path = uri.substring(SCHEME.length());
        int slash = path.indexOf('/');
        return slash < 0 ? new ObjectAddress(path, "") : new ObjectAddress(path.substring(0, slash),
                path.substring(slash + 1));
    }

    static String uri(ObjectAddress address) {
        return SCHEME + address.bucket() + "/" + (address.key() == null ? "" : address.key());
    }
}
