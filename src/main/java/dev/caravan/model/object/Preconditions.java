package dev.caravan.model.object;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.time.Instant;

/**
 * The caller's conditional headers, evaluated the way S3 does (provider-apis.md §7.5): {@code If-Match} before
 * {@code If-Unmodified-Since}, {@code If-None-Match} before {@code If-Modified-Since}. ETags compare with or
 * without their quotes, because the documents strip them before sending them back.
 */
public record Preconditions(String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince) {

    public static final Preconditions NONE = new Preconditions(null, null, null, null);

    public boolean isEmpty() {
        return ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null;
    }

    /** For GET and HEAD: 412 when a must-match fails, 304 when a must-differ fails. */
    public void checkRead(ObjectInfo object) {
        boolean matchHeld = ifMatch != null && matches(ifMatch, object.etag());
        if (ifMatch != null && !matchHeld) {
            throw failed("If-Match");
        }
        if (!matchHeld && ifUnmodifiedSince != null && modifiedAfter(object, ifUnmodifiedSince)) {
            throw failed("If-Unmodified-Since");
        }
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, object.etag())) {
                throw notModified();
            }
        } else if (ifModifiedSince != null && !modifiedAfter(object, ifModifiedSince)) {
            throw notModified();
        }
    }

    /** For PUT, DELETE and CompleteMultipartUpload, against what is there now ({@code null}: nothing). */
    public void checkWrite(ObjectInfo existing, ObjectAddress address) {
        if (ifNoneMatch != null && existing != null && matches(ifNoneMatch, existing.etag())) {
            throw failed("If-None-Match");
        }
        if (ifMatch != null) {
            if (existing == null) {
                throw new GatewayError(ErrorKind.NOT_FOUND, 404, "The specified key does not exist.", null,
                        "NoSuchKey", null);
            }
            if (!matches(ifMatch, existing.etag())) {
                throw failed("If-Match");
            }
        }
    }

    static boolean matches(String condition, String etag) {
        for (String candidate : condition.split(",")) {
            String value = candidate.trim();
            if (value.equals("*") || unquote(value).equals(unquote(etag))) {
                return true;
            }
        }
        return false;
    }

    private static boolean modifiedAfter(ObjectInfo object, Instant since) {
        // HTTP dates have whole seconds; S3 compares at that precision
        return object.lastModified().getEpochSecond() > since.getEpochSecond();
    }

    private static String unquote(String etag) {
        String value = etag.startsWith("W/") ? etag.substring(2) : etag;
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static GatewayError failed(String condition) {
        return new GatewayError(ErrorKind.PRECONDITION_FAILED, 412,
                "At least one of the pre-conditions you specified did not hold", condition, "PreconditionFailed",
                null);
    }

    private static GatewayError notModified() {
        return new GatewayError(ErrorKind.NOT_MODIFIED, 304, "Not Modified", null, "NotModified", null);
    }
}
