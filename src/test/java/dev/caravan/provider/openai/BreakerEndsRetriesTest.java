package dev.caravan.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.errors.InternalServerException;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.faults.FaultProxy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retries and the breaker together: each failed attempt counts, and once the breaker opens mid-retry the caller gets
 * the upstream's last answer (not a 503 for an attempt never made) without further attempts.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                FaultyOpenAi.BASE_URL_SETTING, FaultyOpenAi.API_KEY_SETTING,
                "caravan.openai.retry.max-attempts=5", "caravan.openai.retry.initial-delay=20",
                "caravan.openai.retry.max-delay=50",
                "caravan.openai.circuit-breaker.minimum-calls=2", "caravan.openai.circuit-breaker.sliding-window=2",
                "caravan.openai.circuit-breaker.wait-in-open=60000"})
class BreakerEndsRetriesTest {

    private static FaultyOpenAi upstream;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startUpstream() {
        upstream = FaultyOpenAi.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @Test
    void the_breaker_opening_ends_the_retries_with_the_upstreams_answer() {
        upstream.proxy().next(FaultProxy.answer(502, Map.of(), "Bad gateway upstream"), 5);

        InternalServerException error = assertThrows(InternalServerException.class,
                () -> CaravanClients.openAi(context, "/openai").files().list());

        assertEquals(502, error.statusCode());
        assertTrue(error.getMessage().contains("Bad gateway upstream"), error.getMessage());
        assertEquals(2, upstream.proxy().count("GET", "/v1/files"), "two failures opened it; no third attempt");
        assertEquals(CircuitBreaker.State.OPEN, context.getRegistry()
                .lookupByNameAndType(OpenAiProviderRoutes.CIRCUIT_BREAKER, CircuitBreaker.class).getState());
    }
}
