package dev.caravan.observe;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * First handler on the HTTP router, for every path: opens a {@link RequestRecord}, gives OpenAI-surface answers their
 * {@code x-request-id} (the header OpenAI itself sends and the OpenAI SDKs report as the request id), and when the
 * response has ended hands the outcome on. Health probes and metrics scrapes are no API requests and pass untouched.
 */
public final class RequestObserver implements Handler<RoutingContext> {

    static final String REQUEST_ID = "x-request-id";
    private static final String KEY = "caravan.request";
    /** A caller's own x-request-id is kept when it looks like an id: it ties the caller's log to Caravan's. */
    private static final Pattern CALLER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final RequestRecords records;
    private final Consumer<RequestOutcome> sink;

    public RequestObserver(RequestRecords records, Consumer<RequestOutcome> sink) {
        this.records = records;
        this.sink = sink;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // the /openai/v1 reroute runs the router again for the same request: it is already being observed
        String surface = surface(ctx.request().path());
        if (ctx.get(KEY) != null || surface == null) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        RequestRecord record = new RequestRecord(requestId(request), surface, request.method().name(),
                request.path(), System.nanoTime());
        ctx.put(KEY, record);
        records.opened(request, record);
        if ("openai".equals(surface)) {
            ctx.response().putHeader(REQUEST_ID, record.requestId());
        }
        ctx.addEndHandler(ended -> {
            records.closed(request);
            sink.accept(outcome(ctx, record, ended.succeeded()));
        });
        ctx.next();
    }

    private static RequestOutcome outcome(RoutingContext ctx, RequestRecord record, boolean completed) {
        long duration = System.nanoTime() - record.startNanos();
        // the S3 and Bedrock surfaces make their own ids (their clients report those): the log line carries them
        String shown = ctx.response().headers().get("s3".equals(record.surface()) ? "x-amz-request-id"
                : "bedrock".equals(record.surface()) ? "x-amzn-RequestId" : REQUEST_ID);
        return new RequestOutcome(record, shown != null ? shown : record.requestId(), ctx.response().getStatusCode(),
                completed, duration, ctx.request().bytesRead(), ctx.response().bytesWritten());
    }

    /** openai, s3 (/bedrock/files), bedrock (the batch API), other (unknown paths); null: probes and scrapes. */
    static String surface(String path) {
        if (path == null || path.startsWith("/observe") || path.equals("/health")) {
            return null;
        }
        if (path.equals("/openai") || path.startsWith("/openai/")) {
            return "openai";
        }
        if (path.equals("/bedrock/files") || path.startsWith("/bedrock/files/")) {
            return "s3";
        }
        if (path.equals("/bedrock") || path.startsWith("/bedrock/")) {
            return "bedrock";
        }
        return "other";
    }

    private static String requestId(HttpServerRequest request) {
        String given = request.getHeader(REQUEST_ID);
        if (given != null && CALLER_ID.matcher(given).matches()) {
            return given;
        }
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "req_" + HexFormat.of().formatHex(random);
    }
}
