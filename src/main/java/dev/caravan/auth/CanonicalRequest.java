package dev.caravan.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * SigV4's canonical request (provider-apis.md §7.7) for S3: method, canonical URI, canonical query string, the signed
 * headers each as {@code name:value}, the signed header list, and the payload value, one per line. Its SHA-256 is
 * the last line of the string to sign.
 */
public final class CanonicalRequest {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private final String text;

    private CanonicalRequest(String text) {
        this.text = text;
    }

    /**
     * @param canonicalUri from {@link #canonicalUri(String)}
     * @param canonicalQuery from {@link #canonicalQuery(String, String)}
     * @param signedHeaders the lower-case header names as the client listed them in SignedHeaders
     * @param headerValues every value the request has for a lower-case header name (empty when it has none)
     * @param payload the payload value: the body's hex SHA-256, or UNSIGNED-PAYLOAD, or a STREAMING-… value
     */
    public static CanonicalRequest of(String method, String canonicalUri, String canonicalQuery,
                                      List<String> signedHeaders, Function<String, List<String>> headerValues,
                                      String payload) {
        StringBuilder text = new StringBuilder(512);
        text.append(method).append('\n').append(canonicalUri).append('\n').append(canonicalQuery).append('\n');
        for (String name : signedHeaders) {
            text.append(name).append(':').append(canonicalHeaderValue(headerValues.apply(name))).append('\n');
        }
        text.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payload);
        return new CanonicalRequest(text.toString());
    }

    public String text() {
        return text;
    }

    public String hashHex() {
        return Sha256.hexOf(text);
    }

    /** {@code AWS4-HMAC-SHA256 \n <amz date> \n <scope> \n <hex sha256 of this canonical request>}. */
    public String stringToSign(String amzDate, CredentialScope scope) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + hashHex();
    }

    /**
     * S3 signs the path exactly as the client sent it (it is not normalized or encoded twice, unlike other services).
     * A client that left a character unencoded (the S3 documentation's own {@code /test$file.text}) still signed its
     * encoded form, so such characters are encoded here; escapes already present are kept exactly as they came.
     */
    public static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder uri = new StringBuilder(rawPath.length() + 16);
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '/' || isUnreserved(c)) {
                uri.append(c);
            } else if (c == '%' && i + 2 < rawPath.length() && isHex(rawPath.charAt(i + 1))
                    && isHex(rawPath.charAt(i + 2))) {
                uri.append(rawPath, i, i + 3);
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < rawPath.length() ? i + 2 : i + 1;
                appendEncoded(uri, rawPath.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return uri.toString();
    }

    /**
     * The canonical URI of every service but S3 (provider-apis.md §7.7; botocore's {@code _normalize_url_path}, the
     * Java SDK's normalizePath and doubleUrlEncode): the path as sent, its {@code .} and {@code ..} segments
     * resolved, then URI-encoded once more, slashes kept. An escape such as {@code %2F} is therefore signed as
     * {@code %252F}: the client encoded the segment once to send it and the signer encodes it again.
     */
    public static String normalizedDoubleEncodedUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String[] segments = rawPath.split("/", -1);
        List<String> kept = new ArrayList<>(segments.length);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && !kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
                if (last) {
                    kept.add(""); // "/a/b/.." is "/a/", as URI.normalize and posixpath.normpath-then-slash keep it
                }
                continue;
            }
            kept.add(segment);
        }
        StringBuilder uri = new StringBuilder(rawPath.length() + 16);
        for (String segment : kept) {
            uri.append('/').append(encode(segment));
        }
        return uri.length() == 0 ? "/" : uri.toString();
    }

    /**
     * The query string with every name and value decoded and encoded again the SigV4 way (unreserved characters
     * literal, everything else {@code %XX} upper-case, so a space is {@code %20} and {@code +} is {@code %2B}), sorted
     * by name, then value; a parameter without {@code =} has an empty value.
     *
     * @param omitted a parameter left out (the presigned URL's own {@code X-Amz-Signature}), or null
     */
    public static String canonicalQuery(String rawQuery, String omitted) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> parameters = new ArrayList<>();
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int equals = piece.indexOf('=');
            String name = decode(equals < 0 ? piece : piece.substring(0, equals));
            String value = equals < 0 ? "" : decode(piece.substring(equals + 1));
            if (name.equals(omitted)) {
                continue;
            }
            parameters.add(new String[] {encode(name), encode(value)});
        }
        parameters.sort(Comparator.<String[], String>comparing(parameter -> parameter[0])
                .thenComparing(parameter -> parameter[1]));
        StringBuilder query = new StringBuilder(rawQuery.length() + 16);
        for (String[] parameter : parameters) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(parameter[0]).append('=').append(parameter[1]);
        }
        return query.toString();
    }

    /** Every value of one header, each trimmed with inner runs of spaces collapsed, joined by commas. */
    static String canonicalHeaderValue(List<String> values) {
        StringBuilder joined = new StringBuilder();
        for (String value : values) {
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(value.trim().replaceAll(" {2,}", " "));
        }
        return joined.toString();
    }

    /** The lower-case form SignedHeaders uses. */
    public static String headerName(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** SigV4's URI encoding of already-decoded text. */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder(text.length() + 8);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c)) {
                encoded.append(c);
            } else {
                appendEncoded(encoded, new byte[] {b});
            }
        }
        return encoded.toString();
    }

    /**
     * Percent-decoding only: {@code +} stays a plus sign. The SDKs encode a space as {@code %20}, so a literal
     * {@code +} on the wire is a plus they signed as {@code %2B}. A broken escape is kept as it came.
     */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] raw = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static void appendEncoded(StringBuilder target, byte[] bytes) {
        for (byte b : bytes) {
            target.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
    }
}
