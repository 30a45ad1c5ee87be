package dev.caravan.faults;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP proxy in front of an upstream (an emulator, the S3 store), for fault-injection tests. Each request takes
 * the next queued {@link Fault}; with none queued it passes through untouched. Every request is recorded (method,
 * path, arrival time), so a test can count exactly how many attempts reached the upstream side.
 *
 * <p>Connections close with {@code SO_LINGER 0}, so {@link Fault#resetAfter} is a real TCP reset.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy does with one request. */
    public sealed interface Fault permits Answer, Delay, Reset {
    }

    /** Answer without asking the upstream (after reading the whole request body, as a real server would). */
    public record Answer(int status, Map<String, String> headers, String body) implements Fault {
    }

    /** Pass the request on, then hold the upstream's answer back this long. */
    public record Delay(Duration delay) implements Fault {
    }

    /** Pass on the first bytes of the request body, then reset both connections. */
    public record Reset(long afterBytes) implements Fault {
    }

    /** One request as the proxy saw it; {@code headers} by lower-case name, first value. */
    public record Seen(String method, String path, long arrivedNanos, Map<String, String> headers) {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-connection", "host");

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final URI target;
    private final boolean keepHost;
    private final HttpClient client;
    private final HttpServer server;

    private FaultProxy(URI target, boolean keepHost) throws Exception {
        this.target = target;
        this.keepHost = keepHost;
        // S3Proxy (Jetty) closes idle connections on its own schedule; a fresh connection per request keeps a stale
        // pooled one from turning into a fault nobody injected
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(!keepHost),
                new PoolOptions().setHttp1MaxSize(64));
        this.server = vertx.createHttpServer(new HttpServerOptions().setSoLinger(0))
                .requestHandler(this::handle)
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A proxy for {@code upstreamBaseUrl} (scheme, host and port are used; paths pass through as they come). */
    public static FaultProxy start(String upstreamBaseUrl) {
        try {
            return new FaultProxy(URI.create(upstreamBaseUrl), false);
        } catch (Exception e) {
            throw new IllegalStateException("fault proxy did not start", e);
        }
    }

    /**
     * A proxy that passes the caller's Host header on unchanged: SigV4 signs Host, so a signed request (S3) only
     * verifies upstream if the host it was signed for arrives with it.
     */
    public static FaultProxy keepingHost(String upstreamBaseUrl) {
        try {
            return new FaultProxy(URI.create(upstreamBaseUrl), true);
        } catch (Exception e) {
            throw new IllegalStateException("fault proxy did not start", e);
        }
    }

    /** The upstream base URL with the proxy's address in place of the upstream's. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + target.getPath();
    }

    /** The next {@code times} requests get {@code fault}, after any already queued. */
    public FaultProxy next(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
        return this;
    }

    public static Answer answer(int status, Map<String, String> headers, String openAiMessage) {
        String type = status == 429 ? "requests" : "server_error";
        String code = status == 429 ? "\"rate_limit_exceeded\"" : "null";
        return new Answer(status, headers, "{\"error\":{\"message\":\"" + openAiMessage + "\",\"type\":\"" + type
                + "\",\"param\":null,\"code\":" + code + "}}");
    }

    /** An S3 error answer, as S3 writes it. */
    public static Answer s3Answer(int status, Map<String, String> headers, String code) {
        return new Answer(status, headers, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                + "</Code><Message>" + code + " injected</Message><RequestId>fault</RequestId></Error>");
    }

    /** An AWS rest-json error answer (Bedrock's control plane): the exception name travels in x-amzn-ErrorType. */
    public static Answer restJsonAnswer(int status, Map<String, String> headers, String errorType) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("x-amzn-ErrorType", errorType);
        return new Answer(status, all, "{\"message\":\"" + errorType + " injected\"}");
    }

    /** Forgets queued faults and recorded requests. */
    public void reset() {
        faults.clear();
        seen.clear();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public long count(String method, String path) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).count();
    }

    private void handle(HttpServerRequest request) {
        Map<String, String> arrived = new java.util.TreeMap<>();
        request.headers().forEach(header -> arrived.putIfAbsent(header.getKey().toLowerCase(java.util.Locale.ROOT),
                header.getValue()));
        seen.add(new Seen(request.method().name(), request.path(), System.nanoTime(), Map.copyOf(arrived)));
        Fault fault = faults.poll();
        if (fault instanceof Answer answer) {
            if ("100-continue".equalsIgnoreCase(request.getHeader("expect"))) {
                // as a real server does: the client holds its body back until told to go on
                request.response().writeContinue();
            }
            request.body().onComplete(read -> {
                HttpServerResponse response = request.response().setStatusCode(answer.status());
                answer.headers().forEach(response::putHeader);
                response.putHeader("content-type", answer.body().startsWith("<") ? "application/xml"
                        : "application/json").end(answer.body());
            });
            return;
        }
        request.pause();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copyHeaders(request.headers(), headers);
        if (keepHost && request.headers().contains("host")) {
            headers.set("host", request.headers().get("host"));
        }
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(target.getHost())
                .setPort(target.getPort()).setURI(request.uri()).setHeaders(headers);
        client.request(options).onFailure(error -> fail(request)).onSuccess(upstream -> {
            if (fault instanceof Reset reset) {
                relayThenReset(request, upstream, reset.afterBytes());
            } else {
                Duration delay = fault instanceof Delay held ? held.delay() : Duration.ZERO;
                boolean hasBody = request.headers().contains("content-length")
                        || request.headers().contains("transfer-encoding");
                if (!hasBody) {
                    request.resume();
                }
                (hasBody ? upstream.send(request) : upstream.send()).onFailure(error -> fail(request))
                        .onSuccess(answer -> relayAfter(request, answer, delay));
            }
        });
    }

    private void relayAfter(HttpServerRequest request, HttpClientResponse answer, Duration delay) {
        answer.pause();
        // resetting a held answer (below) is deliberate, not worth an error in the log
        answer.exceptionHandler(error -> { });
        Runnable relay = () -> {
            HttpServerResponse response = request.response();
            if (response.closed()) {
                // the caller gave up while the answer was held: drop the upstream connection with it
                answer.request().reset();
                return;
            }
            response.setStatusCode(answer.statusCode());
            copyHeaders(answer.headers(), response.headers());
            response.send(answer).onFailure(error -> answer.request().reset());
        };
        if (delay.isZero()) {
            relay.run();
        } else {
            vertx.setTimer(delay.toMillis(), timer -> relay.run());
        }
    }

    /** Streams the first bytes on, then resets: the upstream sees a body cut short, the caller a reset connection. */
    private void relayThenReset(HttpServerRequest request, HttpClientRequest upstream, long afterBytes) {
        upstream.exceptionHandler(error -> { });
        if (!upstream.headers().contains("content-length")) {
            upstream.setChunked(true);
        }
        long[] relayed = {0};
        boolean[] cut = {false};
        request.handler(chunk -> {
            if (cut[0]) {
                return;
            }
            long room = afterBytes - relayed[0];
            if (chunk.length() < room) {
                relayed[0] += chunk.length();
                upstream.write(chunk);
                return;
            }
            cut[0] = true;
            Buffer last = chunk.slice(0, (int) room);
            upstream.write(last).onComplete(written -> {
                upstream.reset();
                request.connection().close();
            });
        });
        request.endHandler(end -> {
            if (!cut[0]) {
                // a body shorter than the cut-off: reset anyway, before any answer
                cut[0] = true;
                upstream.reset();
                request.connection().close();
            }
        });
        request.resume();
    }

    /** The upstream could not be asked at all: an odd status no real server sends, so a test cannot mistake it. */
    private static void fail(HttpServerRequest request) {
        if (!request.response().closed()) {
            request.response().setStatusCode(599).end();
        }
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fault proxy did not stop", e);
        }
    }
}
