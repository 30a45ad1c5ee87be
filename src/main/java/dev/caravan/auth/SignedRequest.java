package dev.caravan.auth;

import io.vertx.core.http.HttpServerRequest;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an HTTP request SigV4 covers, as they arrived: the method, the path and query string exactly as sent
 * (still percent-encoded), and the headers by lower-case name.
 */
public final class SignedRequest {

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;

    private SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.headers = headers;
    }

    /**
     * @param rawTarget the request target as sent: path, then {@code ?} and the query string if there is one
     * @param headers the headers in any letter case, in the order they came (a repeated header's values stay in order)
     */
    public static SignedRequest of(String method, String rawTarget, Iterable<Map.Entry<String, String>> headers) {
        int question = rawTarget.indexOf('?');
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            byName.computeIfAbsent(CanonicalRequest.headerName(header.getKey()), name -> new ArrayList<>(1))
                    .add(header.getValue());
        }
        return new SignedRequest(method, question < 0 ? rawTarget : rawTarget.substring(0, question),
                question < 0 ? "" : rawTarget.substring(question + 1), byName);
    }

    /** A request as the HTTP server received it; over HTTP/2 the signed Host is the :authority, kept out of headers. */
    public static SignedRequest of(HttpServerRequest request) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().entries());
        if (!request.headers().contains("Host") && request.host() != null) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>("host", request.host()));
        }
        return of(request.method().name(), request.uri(), headers);
    }

    public String method() {
        return method;
    }

    public String rawPath() {
        return rawPath;
    }

    public String rawQuery() {
        return rawQuery;
    }

    /** Every value of a header, by lower-case name; empty when the request does not have it. */
    public List<String> headers(String lowerCaseName) {
        return headers.getOrDefault(lowerCaseName, List.of());
    }

    /** The single value of a header, or null; several values are joined as HTTP would. */
    public String header(String lowerCaseName) {
        List<String> values = headers(lowerCaseName);
        return values.isEmpty() ? null : String.join(",", values);
    }

    public Set<String> headerNames() {
        return Collections.unmodifiableSet(headers.keySet());
    }

    @Override
    public String toString() {
        // header values stay out: Authorization is one of them
        return "SignedRequest[" + method + ' ' + rawPath + ", headers " + headers.keySet() + ']';
    }
}
