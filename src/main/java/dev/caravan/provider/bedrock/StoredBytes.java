package dev.caravan.provider.bedrock;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.util.regex.Pattern;

/**
 * Whether the store holds the bytes Caravan sent it. S3's ETag for an object or part written in one request is the
 * MD5 of the bytes it received, unless the object is encrypted with a KMS or customer key (then the ETag is opaque and
 * says nothing). Caravan computed the MD5 of what it streamed, so a plain ETag that differs means the bytes changed on
 * the way to the store: the write must not stand.
 */
final class StoredBytes {

    private static final Pattern PLAIN_ETAG = Pattern.compile("\"?[0-9a-fA-F]{32}\"?");

    private StoredBytes() {
    }

    static void check(String etag, String serverSideEncryption, String customerKeyAlgorithm, String sentMd5Hex) {
        boolean opaque = serverSideEncryption != null && serverSideEncryption.startsWith("aws:kms")
                || customerKeyAlgorithm != null;
        if (etag == null || sentMd5Hex == null || opaque || !PLAIN_ETAG.matcher(etag).matches()) {
            return;
        }
        if (!etag.replace("\"", "").equalsIgnoreCase(sentMd5Hex)) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, 500, "The S3 store's ETag shows it received other bytes "
                    + "than were sent (MD5 " + sentMd5Hex + "); the write was undone. Please retry.", null,
                    "InternalError", null);
        }
    }
}
