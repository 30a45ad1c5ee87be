package dev.caravan.observe;

import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests being served, by their Vert.x request object: the only thing the router's handler and the route's
 * exchange both hold (platform-http puts it in the exchange's message). An entry lives from the first handler to the
 * end of the response.
 */
public final class RequestRecords {

    // identity keys: Vert.x request objects do not override equals/hashCode
    private final Map<HttpServerRequest, RequestRecord> open = new ConcurrentHashMap<>();

    void opened(HttpServerRequest request, RequestRecord record) {
        open.put(request, record);
    }

    RequestRecord find(HttpServerRequest request) {
        return open.get(request);
    }

    void closed(HttpServerRequest request) {
        open.remove(request);
    }
}
