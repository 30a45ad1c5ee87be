package dev.caravan.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Iterator;

/**
 * The documents' {@code extra_body={"requests": [...]}}: requests the caller wrote inline, in Anthropic's own form.
 * They arrived inside the JSON body, which the surface parsed within its size limit, so they are already in memory.
 */
final class InlineRequests implements RequestSource {

    static final String PARAM = "requests";

    private final ArrayNode requests;

    InlineRequests(ArrayNode requests) {
        this.requests = requests;
    }

    @Override
    public Requests open() {
        Iterator<JsonNode> elements = requests.elements();
        return new Requests() {
            @Override
            public String next() {
                return elements.hasNext() ? elements.next().toString() : null;
            }

            @Override
            public void close() {
                // nothing is held open
            }
        };
    }

    @Override
    public String where(int index) {
        return PARAM + "[" + index + "]";
    }

    @Override
    public String param() {
        return PARAM;
    }
}
