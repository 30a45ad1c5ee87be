package dev.caravan.hardening;

import static dev.caravan.hardening.HostileAssertions.assertNo5xx;
import static dev.caravan.hardening.HostileAssertions.assertClean4xx;
import static dev.caravan.hardening.HostileAssertions.assertCleanAnswer;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.caravan.CaravanApplication;
import dev.caravan.hardening.RawHttp.Request;
import dev.caravan.hardening.RawHttp.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests broken at the HTTP level, on every route prefix: huge or countless headers, bad chunked framing, a
 * bogus Expect, percent-escapes that do not decode, invalid UTF-8 in paths and queries, methods no route has,
 * bodies on methods that take none. Some are refused by the HTTP server (Vert.x) before any route runs.
 *
 * <p>Two levels of "clean": none of these may get a 5xx or hang (enabled tests); and each should be answered in the
 * surface's own error format, which the tests marked {@code @Disabled("fails until ...")} prove is not yet so.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFramingHostilityTest {

    private static final String BUCKET = "your-s3-bucket";
    private static final Duration READ = Duration.ofSeconds(30);
    private static final List<String> SURFACES = List.of("/openai/files", "/openai/v1/batches/batch_abc",
            "/bedrock/files/" + BUCKET + "/k.jsonl", "/health");

    @BeanInject
    CamelContext context;

    private RawHttp http;

    // @BeforeEach, not @BeforeAll: the context is injected after the class-level callbacks have run
    @BeforeEach
    void connect() {
        http = HostileAssertions.rawHttp(context);
    }

    /** Each case builds a fresh request (bodies are written once). */
    static Stream<Arguments> malformedHttp() {
        List<Arguments> cases = new ArrayList<>();
        for (String target : SURFACES) {
            cases.add(Arguments.of("64 KB header, GET " + target, (Supplier<Request>) () ->
                    new Request("GET", target).header("X-Hostile", "a".repeat(64 * 1024))));
            cases.add(Arguments.of("10,000 headers, GET " + target, (Supplier<Request>) () -> {
                Request request = new Request("GET", target);
                for (int i = 0; i < 10_000; i++) {
                    request.header("X-H" + i, "v");
                }
                return request;
            }));
        }
        for (String target : List.of("/openai/batches", "/bedrock/files/" + BUCKET + "/k.jsonl")) {
            String method = target.startsWith("/openai") ? "POST" : "PUT";
            cases.add(Arguments.of("chunk size 'zz', " + method + " " + target, (Supplier<Request>) () ->
                    new Request(method, target).header("Content-Type", "application/json")
                            .header("Transfer-Encoding", "chunked")
                            .rawBody(out -> out.write("zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))));
            cases.add(Arguments.of("Expect: bogus, " + method + " " + target, (Supplier<Request>) () ->
                    new Request(method, target).header("Content-Type", "application/json").header("Expect", "bogus")
                            .body("{}".getBytes(StandardCharsets.US_ASCII))));
        }
        for (String target : List.of("/openai/files?a=%zz", "/openai/files/%g1", "/openai/batches?after=%",
                "/bedrock/files/" + BUCKET + "?list-type=2&a=%zz", "/bedrock/files/" + BUCKET + "/k%g1",
                "/bedrock/files/" + BUCKET + "/k?uploadId=%")) {
            cases.add(Arguments.of("bad escape, GET " + target, (Supplier<Request>) () -> new Request("GET", target)));
        }
        // (a raw control byte in an S3 key is S3KeyHostilityTest's: it is about XML, not HTTP)
        for (String target : List.of("/openai/files/a b", "/bedrock/files/" + BUCKET + "/a b",
                "/openai/files/a\u0001b")) {
            cases.add(Arguments.of("raw byte in target, GET " + RawHttp.printable(target, 80),
                    (Supplier<Request>) () -> new Request("GET", target)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHttp")
    void malformedHttpIsRefusedWithoutA5xxOrAHang(String name, Supplier<Request> request) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertNo5xx(name, send(request.get())));
    }

    /**
     * What the HTTP server refuses on its own (431, 400, 417, a closed connection) carries no body at all, or
     * Vert.x's "Bad Request" text: an SDK sees neither OpenAI's envelope nor S3's XML.
     */
    @Disabled("fails until Caravan answers the HTTP server's own refusals in the surface's format: an "
            + "HttpServer.invalidRequestHandler (431/400 from the codec; needs Caravan to create the Vert.x server, "
            + "e.g. a VertxPlatformHttpServer subclass) plus router errorHandler(400/417) by path prefix")
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHttp")
    void malformedHttpIsAnsweredInTheSurfacesFormat(String name, Supplier<Request> request) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Request sent = request.get();
            Response response = send(sent);
            // serving the request anyway is fine (e.g. S3 ignoring an Expect it does not know); refusing it must
            // be in the surface's format, and with an answer rather than a dropped connection
            if (response.status() == 0 || response.status() >= 400) {
                assertClean4xx(sent.target, sent.method, response);
            }
        });
    }

    // ---- methods ----------------------------------------------------------------------------------------------

    static Stream<Arguments> unknownMethodsOnEveryRoute() {
        List<String> targets = List.of("/openai/files", "/openai/files/file-abc", "/openai/files/file-abc/content",
                "/openai/batches", "/openai/batches/batch_abc", "/openai/batches/batch_abc/cancel",
                "/openai/v1/files", "/openai/v1/files/file-abc", "/openai/v1/batches/batch_abc/cancel",
                "/openai", "/openai/v1", "/bedrock/files/" + BUCKET, "/bedrock/files/" + BUCKET + "/k.jsonl",
                "/health");
        List<Arguments> cases = new ArrayList<>();
        for (String method : List.of("PROPFIND", "TRACE", "PATCH")) {
            targets.forEach(target -> cases.add(Arguments.of(method, target)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownMethodsOnEveryRoute")
    void anUnknownMethodIsACleanRefusal(String method, String target) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertClean4xx(target, method,
                send(new Request(method, target))));
    }

    /** The surface root: S3 answers an unknown method with 405 MethodNotAllowed, whatever the path. */
    @ParameterizedTest(name = "{0} /bedrock/files/")
    @ValueSource(strings = {"PROPFIND", "TRACE", "PATCH"})
    void anUnknownMethodOnTheS3RootIs405(String method) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertClean4xx("/bedrock/files/", method,
                send(new Request(method, "/bedrock/files/"))));
    }

    /** A GET or HEAD may carry a body; a multipart one must not make the body handler throw. */
    @ParameterizedTest(name = "{0} {1} with a multipart body")
    @MethodSource("bodiedReads")
    void aReadWithAMultipartBodyIsNotA500(String method, String target) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            byte[] body = Multipart.batchUpload(Multipart.GOOD_LINE.formatted("r").getBytes(StandardCharsets.UTF_8));
            Response response = send(new Request(method, target).header("Content-Type", Multipart.CONTENT_TYPE)
                    .body(body));
            assertCleanAnswer(target, method, response);
        });
    }

    static Stream<Arguments> bodiedReads() {
        return Stream.of(Arguments.of("GET", "/health"), Arguments.of("HEAD", "/health"),
                Arguments.of("GET", "/openai/files"), Arguments.of("GET", "/openai/batches/batch_abc"));
    }

    // ---- invalid UTF-8 ----------------------------------------------------------------------------------------

    /** Chars above 0x7f in a raw target go out as single bytes: \u00ff is the byte 0xff, never valid UTF-8. */
    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/openai/files/file-%ff%fe", "/openai/files/file-\u00ff\u00fe",
            "/openai/v1/batches/batch_%c3%28", "/openai/files/%ff/content", "/openai/batches/batch_\u00c3\u0028",
            "/bedrock/files/%ff%fe/k", "/bedrock/files/" + BUCKET + "/missing-%c3%28",
            "/bedrock/files/" + BUCKET + "/missing-\u00ff"})
    void invalidUtf8InAPathIsACleanRefusal(String target) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertClean4xx(target, "GET",
                send(new Request("GET", target))));
    }

    /** A query is data, not a route: invalid bytes may be answered 2xx, but never 5xx or out of format. */
    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/openai/files?provider=%ff", "/openai/batches?after=%ff%fe&limit=1",
            "/openai/files?purpose=\u00ff&order=%c3%28", "/openai/v1/files?after=%ed%a0%80",
            "/openai/batches/batch_abc?provider=%ff%00",
            "/bedrock/files/" + BUCKET + "?list-type=2&prefix=%ff&continuation-token=%ff%fe%00",
            "/bedrock/files/" + BUCKET + "?list-type=2&start-after=%c3%28&delimiter=%ff",
            "/bedrock/files/" + BUCKET + "?uploads&prefix=%ff&key-marker=%fe",
            "/bedrock/files/" + BUCKET + "/k.jsonl?uploadId=%ff%fe"})
    void invalidUtf8InAQueryIsACleanAnswer(String target) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertCleanAnswer(target, "GET",
                send(new Request("GET", target))));
    }

    private Response send(Request request) throws Exception {
        return http.send(request, READ);
    }
}
