package dev.caravan.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a batch's requests once before anything is sent (DESIGN §4: a refused batch leaves nothing upstream): every
 * request's shape ({@link RequestShape}), unique custom ids, at least one and at most {@code maxRequests} requests,
 * and a create body of at most {@code maxBytes}. The answer is the body's exact length, so the create can be sent
 * with a Content-Length. Memory grows with the custom ids only, which the request limit bounds.
 */
final class RequestsCheck {

    static final byte[] PREFIX = "{\"requests\":[".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

    private final int maxRequests;
    private final long maxBytes;

    RequestsCheck(int maxRequests, long maxBytes) {
        this.maxRequests = maxRequests;
        this.maxBytes = maxBytes;
    }

    /** The length in bytes of {@code {"requests":[...]}} holding the source's requests. */
    long bodyLength(RequestSource source) {
        Map<String, Integer> firstSeen = new HashMap<>();
        long length = PREFIX.length + SUFFIX.length;
        int index = 0;
        try (RequestSource.Requests requests = source.open()) {
            for (String request = requests.next(); request != null; request = requests.next(), index++) {
                if (index == maxRequests) {
                    throw GatewayError.invalid(source.param(), "The batch holds more than " + maxRequests
                            + " requests, the most one Anthropic message batch may hold.");
                }
                JsonNode json = parse(request);
                String problem = RequestShape.problem(json);
                if (problem != null) {
                    throw GatewayError.invalid(source.param(), source.where(index) + ": " + problem);
                }
                String customId = json.get("custom_id").asText();
                Integer first = firstSeen.putIfAbsent(customId, index);
                if (first != null) {
                    throw GatewayError.invalid(source.param(), source.where(index) + ": custom_id \"" + customId
                            + "\" is not unique (first at " + source.where(first) + ")");
                }
                length += request.getBytes(StandardCharsets.UTF_8).length + (index > 0 ? 1 : 0);
                if (length > maxBytes) {
                    throw new GatewayError(ErrorKind.TOO_LARGE, 413, "The batch's requests take more than "
                            + maxBytes + " bytes, the most one Anthropic message batch may hold.", source.param(),
                            "batch_too_large", null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (index == 0) {
            throw GatewayError.invalid(source.param(), "The batch holds no requests: " + source.param()
                    + " must give at least one.");
        }
        return length;
    }

    private static JsonNode parse(String request) {
        try {
            return Json.MAPPER.readTree(request);
        } catch (JsonProcessingException e) {
            // inline requests are parsed JSON already and stored ones come out of the converter: not expected
            throw new IllegalStateException("a request is not JSON", e);
        }
    }
}
