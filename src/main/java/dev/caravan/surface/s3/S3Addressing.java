package dev.caravan.surface.s3;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.object.ObjectAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an S3 request points (provider-apis.md §7.3). Path style puts the bucket in the first segment after the
 * surface's prefix; virtual-hosted style puts it in front of one of the configured domains in {@code Host}
 * ({@code my-bucket.localhost:8080}). The key is taken from the raw path and percent-decoded exactly once, so
 * {@code +}, {@code %2F}, spaces and unicode come out as the caller's SDK encoded them.
 */
public final class S3Addressing {

    public static final String PREFIX = "/bedrock/files";
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern RAW_PREFIX = Pattern.compile("/+bedrock/+files");
    private static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_SEGMENT_BYTES = 255;

    private final List<String> virtualHostDomains;

    public S3Addressing(List<String> virtualHostDomains) {
        this.virtualHostDomains = virtualHostDomains.stream().map(domain -> domain.toLowerCase(Locale.ROOT)).toList();
    }

    /** {@code rawPath} is the request path exactly as sent (no query), starting with {@link #PREFIX}. */
    public ObjectAddress resolve(String host, String rawPath) {
        // the router matched the normalised path; the raw one may repeat slashes in the prefix (//bedrock//files)
        Matcher prefix = RAW_PREFIX.matcher(rawPath);
        String rest = prefix.lookingAt() ? rawPath.substring(prefix.end()) : rawPath.substring(PREFIX.length());
        String bucket = virtualHostBucket(host);
        String key;
        if (bucket == null) {
            String path = rest.startsWith("/") ? rest.substring(1) : rest;
            int slash = path.indexOf('/');
            bucket = decode(slash < 0 ? path : path.substring(0, slash));
            key = slash < 0 ? "" : decode(path.substring(slash + 1));
        } else {
            key = decode(rest.startsWith("/") ? rest.substring(1) : rest);
        }
        if (bucket.isEmpty()) {
            throw S3Requests.notImplemented("ListBuckets");
        }
        if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400, "The specified bucket is not valid.", null,
                    "InvalidBucketName", null);
        }
        if (hasLongSegment(key)) {
            // S3 itself allows it, but S3-compatible stores that keep objects as files (the sandbox's among them)
            // fail on a file name over 255 bytes; a clear 400 beats their 500
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400, "A key segment (between slashes) may be at most "
                    + MAX_SEGMENT_BYTES + " bytes.", null, "KeyTooLongError", null);
        }
        if (hasDotSegment(key)) {
            // S3 stores such keys literally, but many S3-compatible stores and file systems resolve them; refused
            // here so a key can never name something outside its bucket
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400, "Object keys with '.' or '..' path segments are "
                    + "not supported.", null, "InvalidArgument", null);
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400, "Your key is too long", null, "KeyTooLongError",
                    null);
        }
        return new ObjectAddress(bucket, key.isEmpty() ? null : key);
    }

    private static boolean hasLongSegment(String key) {
        for (String segment : key.split("/", -1)) {
            if (segment.length() * 3 > MAX_SEGMENT_BYTES
                    && segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDotSegment(String key) {
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private String virtualHostBucket(String host) {
        if (host == null) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        for (String domain : virtualHostDomains) {
            if (name.endsWith("." + domain) && name.length() > domain.length() + 1) {
                return name.substring(0, name.length() - domain.length() - 1);
            }
        }
        return null;
    }

    /**
     * Percent-decoding of a path: unlike form decoding, {@code +} stays a plus. Netty hands the request line over
     * byte for byte (ISO-8859-1), so an unescaped non-ASCII byte is still one char here and is kept as that byte.
     */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.chars().allMatch(c -> c < 0x80)) {
            return raw;
        }
        byte[] out = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw invalidUri();
                }
                out[length++] = (byte) ((high << 4) + low);
                i += 2;
            } else {
                out[length++] = (byte) c;
            }
        }
        try {
            // a bad sequence must not become U+FFFD: two different keys would then name the same object
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new GatewayError(ErrorKind.INVALID_REQUEST, 400, "Invalid URI: the key is not valid UTF-8.", null,
                    "InvalidURI", null);
        }
    }

    private static GatewayError invalidUri() {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, "Invalid URI: a percent-escape is incomplete.", null,
                "InvalidURI", null);
    }
}
