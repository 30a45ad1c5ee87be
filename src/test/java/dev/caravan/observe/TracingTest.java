package dev.caravan.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.files.FileListParams;
import io.opentelemetry.api.common.AttributeKey;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.faults.FaultProxy;
import dev.caravan.sandbox.gemini.GeminiEmulator;
import dev.caravan.sandbox.gemini.GeminiEmulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tracing on, with an OpenTelemetry SDK registered globally as the OpenTelemetry Java agent would: a files.list
 * through the official OpenAI SDK that carries a W3C traceparent is traced in the caller's trace, and the call
 * Caravan makes to OpenAI carries a traceparent of that trace, naming one of Caravan's spans as its parent. No span
 * holds a key or the request's query string. A call to Gemini carries the caller's trace too.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                "caravan.tracing.enabled=true", ProxiedOpenAi.BASE_URL_SETTING, ProxiedOpenAi.API_KEY_SETTING,
                "caravan.openai.retry.max-attempts=1",
                "caravan.gemini.base-url={{sys:" + TracingTest.GEMINI_BASE_URL + "}}",
                "caravan.gemini.api-key=" + TracingTest.GEMINI_KEY, "caravan.gemini.retry.max-attempts=1",
                "caravan.gemini.files.keep-copy=false"})
class TracingTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");
    private static final String CALLER_KEY = "sk-caller-" + Long.toHexString(System.nanoTime());

    static final String GEMINI_BASE_URL = "caravan.observe.gemini.base-url";
    static final String GEMINI_KEY = "AIzaTracing0123456789";

    private static ProxiedOpenAi upstream;
    private static Path geminiData;
    private static GeminiEmulator gemini;
    private static FaultProxy geminiProxy;
    private static GlobalTracing tracing;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void registerTracingAndUpstream() {
        tracing = GlobalTracing.register();
        upstream = ProxiedOpenAi.start();
        try {
            geminiData = Files.createTempDirectory("caravan-tracing-gemini-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        gemini = new GeminiEmulator(GeminiEmulatorSettings.defaults(geminiData, GEMINI_KEY)).start("127.0.0.1", 0);
        geminiProxy = FaultProxy.start(gemini.baseUrl());
        System.setProperty(GEMINI_BASE_URL, geminiProxy.baseUrl());
    }

    @AfterAll
    static void unregister() {
        upstream.close();
        System.clearProperty(GEMINI_BASE_URL);
        geminiProxy.close();
        gemini.close();
        try (java.util.stream.Stream<Path> paths = Files.walk(geminiData)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        tracing.close();
    }

    @Test
    void a_caller_trace_is_continued_through_caravan_to_openai() throws Exception {
        String traceId = hex(16);
        String callerSpanId = hex(8);
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(CaravanClients.baseUrl(context) + "/openai")
                .apiKey(CALLER_KEY)
                .putHeader("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .maxRetries(0)
                .build();
        try {
            // a query, which the server span's URL must not keep (it may be a presigned URL's signature)
            client.files().list(FileListParams.builder().limit(2).build());
        } finally {
            client.close();
        }

        FaultProxy.Seen call = upstream.proxy().seen().stream()
                .filter(seen -> seen.method().equals("GET") && seen.path().endsWith("/files"))
                .findFirst().orElseThrow(() -> new AssertionError("no files list upstream: " + upstream.proxy().seen()));
        String sent = call.headers().get("traceparent");
        assertTrue(sent != null, "no traceparent upstream, headers: " + call.headers().keySet());
        Matcher matcher = TRACEPARENT.matcher(sent);
        assertTrue(matcher.matches(), sent);
        assertEquals(traceId, matcher.group(1), "the upstream call belongs to the caller's trace");
        String upstreamParent = matcher.group(2);
        assertFalse(upstreamParent.equals(callerSpanId), "Caravan's own span is the upstream call's parent");

        // spans end as the exchanges complete, just after the answers went out
        List<SpanData> spans = awaitSpans(traceId, found -> found.stream()
                .anyMatch(span -> span.getSpanId().equals(upstreamParent))
                && found.stream().anyMatch(span -> span.getParentSpanId().equals(callerSpanId)));
        SpanData server = spans.stream().filter(span -> span.getParentSpanId().equals(callerSpanId)).findFirst()
                .orElseThrow();
        assertEquals(SpanKind.SERVER, server.getKind(), server.toString());
        String url = server.getAttributes().get(AttributeKey.stringKey("http.url"));
        assertTrue(url != null && url.endsWith("/openai/files"), "the server span's URL, without its query: " + url);
        SpanData outgoing = spans.stream().filter(span -> span.getSpanId().equals(upstreamParent)).findFirst()
                .orElseThrow();
        assertEquals(SpanKind.CLIENT, outgoing.getKind(), outgoing.toString());

        // neither Caravan's upstream key nor the caller's credentials are in any span
        for (SpanData span : spans) {
            span.getAttributes().forEach((key, value) -> {
                String text = String.valueOf(value);
                assertFalse(text.contains(ProxiedOpenAi.KEY) || text.contains(CALLER_KEY)
                        || text.toLowerCase().contains("bearer"), key + "=" + text);
            });
        }
    }

    @Test
    void a_call_to_gemini_carries_the_callers_trace() throws Exception {
        String traceId = hex(16);
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(CaravanClients.baseUrl(context) + "/openai")
                .apiKey(CALLER_KEY)
                .putHeader("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .maxRetries(0)
                .build();
        try {
            client.files().list(FileListParams.builder().putAdditionalQueryParam("provider", "gemini").build());
        } finally {
            client.close();
        }

        List<FaultProxy.Seen> calls = geminiProxy.seen();
        assertFalse(calls.isEmpty(), "Gemini was not called");
        for (FaultProxy.Seen call : calls) {
            String sent = call.headers().get("traceparent");
            assertTrue(sent != null, call.path() + " without traceparent, headers: " + call.headers().keySet());
            Matcher matcher = TRACEPARENT.matcher(sent);
            assertTrue(matcher.matches() && matcher.group(1).equals(traceId), call.path() + ": " + sent);
        }
        // Gemini's key travels as x-goog-api-key; no span of the trace holds it
        for (SpanData span : awaitSpans(traceId, found -> found.stream()
                .anyMatch(span -> span.getKind() == SpanKind.CLIENT))) {
            span.getAttributes().forEach((key, value) -> assertFalse(String.valueOf(value).contains(GEMINI_KEY),
                    key + "=" + value));
        }
    }

    private static List<SpanData> awaitSpans(String traceId, java.util.function.Predicate<List<SpanData>> complete)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Supplier<List<SpanData>> spans = () -> tracing.spans().inTrace(traceId);
        while (!complete.test(spans.get()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertTrue(complete.test(spans.get()), "spans of the trace: " + spans.get());
        return spans.get();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
