package dev.caravan.observe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.faults.FaultProxy;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tracing as shipped (off), even with an OpenTelemetry registered globally: a caller's traceparent goes no further
 * than Caravan, Caravan adds none of its own to the call it makes to OpenAI, and it makes no spans.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                ProxiedOpenAi.BASE_URL_SETTING, ProxiedOpenAi.API_KEY_SETTING, "caravan.openai.retry.max-attempts=1"})
class TracingOffTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static GlobalTracing tracing;
    private static ProxiedOpenAi upstream;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startUpstream() {
        tracing = GlobalTracing.register();
        upstream = ProxiedOpenAi.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
        tracing.close();
    }

    @Test
    void no_traceparent_goes_upstream_by_default() {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(CaravanClients.baseUrl(context) + "/openai")
                .apiKey("your-api-key")
                .putHeader("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .maxRetries(0)
                .build();
        try {
            client.files().list();
        } finally {
            client.close();
        }

        FaultProxy.Seen call = upstream.proxy().seen().stream()
                .filter(seen -> seen.method().equals("GET") && seen.path().endsWith("/files"))
                .findFirst().orElseThrow(() -> new AssertionError("no files list upstream: " + upstream.proxy().seen()));
        assertFalse(call.headers().containsKey("traceparent"), call.headers().get("traceparent"));
        assertFalse(call.headers().containsKey("tracestate"), call.headers().get("tracestate"));
        assertTrue(tracing.spans().inTrace(TRACE_ID).isEmpty(), tracing.spans().inTrace(TRACE_ID).toString());
    }
}
