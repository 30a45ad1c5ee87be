package dev.caravan.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a request claims about its SigV4 signature, from the {@code Authorization} header or from a presigned URL's
 * {@code X-Amz-*} query parameters: key id, scope, signed headers, signature, timestamp, and (presigned) lifetime.
 * Parsing checks the form only; {@link SigV4Verifier} checks the content.
 *
 * @param amzDate the timestamp as sent ({@code yyyyMMdd'T'HHmmss'Z'}), the form that goes into the string to sign
 * @param expiresSeconds a presigned URL's X-Amz-Expires; 0 for the header form
 */
public record SigV4Authorization(String keyId, CredentialScope scope, List<String> signedHeaders, String signature,
                                 String amzDate, Instant time, boolean presigned, long expiresSeconds) {

    /** X-Amz-Expires may not exceed seven days. */
    public static final long MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

    static final String SIGNATURE_PARAMETER = "X-Amz-Signature";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String HEADER_MALFORMED = "The authorization header is malformed; ";
    private static final String QUERY_MALFORMED = "Query-string authentication version 4 requires the "
            + "X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires "
            + "parameters.";
    private static final String NO_DATE = "AWS authentication requires a valid Date or x-amz-date header";

    /** Whether the query string carries presigned-URL authentication. */
    static boolean isPresigned(String rawQuery) {
        return queryParameters(rawQuery).containsKey("X-Amz-Algorithm");
    }

    /** From {@code Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…} and X-Amz-Date. */
    static SigV4Authorization fromHeader(String authorization, String amzDateHeader) {
        String value = authorization.trim();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!algorithm.equals(CanonicalRequest.ALGORITHM)) {
            // SigV2 ("AWS key:sig"), SigV4a ("AWS4-ECDSA-P256-SHA256") and anything else
            throw new SigV4Exception(SigV4Failure.INVALID_REQUEST, "The authorization mechanism you have provided "
                    + "is not supported. Please use " + CanonicalRequest.ALGORITHM + ".");
        }
        Map<String, String> components = new LinkedHashMap<>();
        for (String component : value.substring(space + 1).split(",")) {
            String trimmed = component.trim();
            int equals = trimmed.indexOf('=');
            if (equals <= 0 || components.put(trimmed.substring(0, equals), trimmed.substring(equals + 1)) != null) {
                throw malformed(false, "it must be of the form \"" + CanonicalRequest.ALGORITHM
                        + " Credential=…, SignedHeaders=…, Signature=…\".");
            }
        }
        String credential = components.get("Credential");
        String signedHeaders = components.get("SignedHeaders");
        String signature = components.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw malformed(false, "it must contain Credential, SignedHeaders and Signature.");
        }
        return build(credential, signedHeaders, signature, amzDateHeader, false, 0);
    }

    /** From a presigned URL's X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders and -Signature. */
    static SigV4Authorization fromQuery(String rawQuery) {
        Map<String, String> query = queryParameters(rawQuery);
        String algorithm = query.get("X-Amz-Algorithm");
        String credential = query.get("X-Amz-Credential");
        String amzDate = query.get("X-Amz-Date");
        String expires = query.get("X-Amz-Expires");
        String signedHeaders = query.get("X-Amz-SignedHeaders");
        String signature = query.get(SIGNATURE_PARAMETER);
        if (credential == null || amzDate == null || expires == null || signedHeaders == null || signature == null) {
            throw new SigV4Exception(SigV4Failure.AUTHORIZATION_QUERY_PARAMETERS_ERROR, QUERY_MALFORMED);
        }
        if (!CanonicalRequest.ALGORITHM.equals(algorithm)) {
            throw new SigV4Exception(SigV4Failure.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Algorithm only supports \"" + CanonicalRequest.ALGORITHM + "\"");
        }
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds <= 0 || seconds > MAX_EXPIRES_SECONDS) {
            throw new SigV4Exception(SigV4Failure.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Expires must be a number of seconds from 1 to " + MAX_EXPIRES_SECONDS + ".");
        }
        return build(credential, signedHeaders, signature, amzDate, true, seconds);
    }

    private static SigV4Authorization build(String credential, String signedHeaders, String signature,
                                            String amzDate, boolean presigned, long expires) {
        Instant time = parseTime(amzDate, presigned);
        // The key id is everything before the last four parts, which have fixed meanings.
        String[] parts = credential.split("/", -1);
        if (parts.length < 5 || !parts[parts.length - 1].equals(CredentialScope.TERMINATOR)) {
            throw malformed(presigned, "the Credential is mal-formed; expecting "
                    + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        String keyId = String.join("/", Arrays.copyOfRange(parts, 0, parts.length - 4));
        CredentialScope scope = new CredentialScope(parts[parts.length - 4], parts[parts.length - 3],
                parts[parts.length - 2]);
        if (keyId.isEmpty() || scope.region().isEmpty() || scope.service().isEmpty()) {
            throw malformed(presigned, "the Credential is mal-formed; expecting "
                    + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        if (!scope.date().equals(amzDate.substring(0, 8))) {
            throw malformed(presigned, "Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        List<String> headers = Arrays.asList(signedHeaders.split(";", -1));
        for (String header : headers) {
            if (header.isEmpty() || !header.equals(CanonicalRequest.headerName(header))) {
                throw malformed(presigned, "SignedHeaders must be lower-case header names separated by ';'.");
            }
        }
        if (!headers.contains("host")) {
            // without Host a signature would be good for any server that shares the key
            throw malformed(presigned, "the Host header must be signed.");
        }
        if (Sha256.parseHex(signature) == null) {
            throw malformed(presigned, "the Signature must be 64 hexadecimal digits.");
        }
        return new SigV4Authorization(keyId, scope, List.copyOf(headers), signature.toLowerCase(Locale.ROOT),
                amzDate, time, presigned, expires);
    }

    private static Instant parseTime(String amzDate, boolean presigned) {
        if (amzDate == null) {
            throw new SigV4Exception(SigV4Failure.ACCESS_DENIED, NO_DATE);
        }
        try {
            return AMZ_DATE.parse(amzDate, Instant::from);
        } catch (DateTimeParseException e) {
            throw presigned
                    ? new SigV4Exception(SigV4Failure.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                            "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
                    : new SigV4Exception(SigV4Failure.ACCESS_DENIED, NO_DATE);
        }
    }

    private static SigV4Exception malformed(boolean presigned, String detail) {
        return presigned
                ? new SigV4Exception(SigV4Failure.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "Error parsing the "
                        + "X-Amz-Credential or X-Amz-SignedHeaders parameter; " + detail)
                : new SigV4Exception(SigV4Failure.AUTHORIZATION_HEADER_MALFORMED, HEADER_MALFORMED + detail);
    }

    /** The query's parameters, decoded, first value of each. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String piece : rawQuery.split("&")) {
            int equals = piece.indexOf('=');
            String name = CanonicalRequest.decode(equals < 0 ? piece : piece.substring(0, equals));
            parameters.putIfAbsent(name, equals < 0 ? "" : CanonicalRequest.decode(piece.substring(equals + 1)));
        }
        return parameters;
    }

    @Override
    public String toString() {
        // neither the signature nor the key id
        return "SigV4Authorization[" + scope + ", signed " + signedHeaders + (presigned ? ", presigned]" : "]");
    }
}
