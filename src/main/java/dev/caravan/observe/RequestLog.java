package dev.caravan.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the logger {@code caravan.requests} (log4j2.properties gives it its own appender, so
 * it can be routed or shipped on its own). It names what was asked and what came of it; never a header, a body, a
 * query string or a credential: only the path, the ids Caravan hands out and the ones the caller sees.
 */
public final class RequestLog {

    public static final String LOGGER = "caravan.requests";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogRedaction redaction = LogRedaction.fromLogConfiguration();

    public void write(RequestOutcome outcome) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        RequestRecord record = outcome.record();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("request_id", redaction.apply(outcome.requestId()));
        line.put("surface", record.surface());
        line.put("provider", record.provider());
        line.put("operation", record.operation());
        line.put("method", record.method());
        line.put("path", redaction.apply(record.path()));
        line.put("status", outcome.status());
        line.put("duration_ms", Math.round(outcome.durationMillis() * 10) / 10.0);
        line.put("bytes_in", outcome.bytesIn());
        line.put("bytes_out", outcome.bytesOut());
        if (record.subjectId() != null) {
            line.put("id", redaction.apply(record.subjectId()));
        }
        if (record.upstreamError() != null) {
            line.put("upstream_error", record.upstreamError());
        }
        if (!outcome.completed()) {
            line.put("aborted", true);
        }
        try {
            LOG.info(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.warn("request {} could not be written as JSON: {}", outcome.requestId(), e.getMessage());
        }
    }
}
