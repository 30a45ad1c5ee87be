package dev.caravan.surface;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The caller's query string and form fields. The query is decoded from the raw {@code CamelHttpQuery}, so a
 * query parameter is never confused with an HTTP header of the same name; multipart form fields only exist as
 * Camel headers (platform-http puts them there), so they are read from there.
 */
public final class HttpRequestView {

    private final Message message;
    private final Map<String, List<String>> query;

    private HttpRequestView(Message message, Map<String, List<String>> query) {
        this.message = message;
        this.query = query;
    }

    public static HttpRequestView of(Exchange exchange) {
        Message message = exchange.getMessage();
        String raw = message.getHeader(Exchange.HTTP_QUERY, "", String.class);
        return new HttpRequestView(message, new QueryStringDecoder("?" + raw).parameters());
    }

    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String form(String name) {
        return message.getHeader(name, String.class);
    }

    /** The caller's parameter, from the form (multipart) or the query string, form first. */
    public String param(String name) {
        String value = form(name);
        return value != null ? value : query(name);
    }
}
