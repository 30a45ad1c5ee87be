package dev.caravan.observe;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.tracing.decorators.PlatformHttpSpanDecorator;

/**
 * The span decorator for requests Caravan receives, as Camel's own but with {@code http.url} cut before its query
 * string. Camel takes that URL from the request as it came, query included, and a query can be a credential: a
 * presigned S3 URL carries its signature (usable by anyone until it expires) and its key id in
 * {@code X-Amz-Signature} / {@code X-Amz-Credential}. Spans leave Caravan for a collector Caravan does not control,
 * so they get path only.
 *
 * <p>Registered through {@code META-INF/services/org.apache.camel.tracing.SpanDecorator}; Camel's tracer lets a
 * decorator replace the one it extends, whatever order the service loader finds them in.
 */
public class QuerylessPlatformHttpSpanDecorator extends PlatformHttpSpanDecorator {

    @Override
    protected String getHttpURL(Exchange exchange, Endpoint endpoint) {
        String url = super.getHttpURL(exchange, endpoint);
        if (url == null) {
            return null;
        }
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
