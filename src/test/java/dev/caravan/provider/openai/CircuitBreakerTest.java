package dev.caravan.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.faults.FaultProxy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's circuit breaker: four calls in the window, half of them failing, open it for a second; while open,
 * calls are answered 503 without reaching the upstream; after the second one successful call closes it. Retries are
 * off here so that each call is exactly one upstream attempt.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                FaultyOpenAi.BASE_URL_SETTING, FaultyOpenAi.API_KEY_SETTING,
                "caravan.openai.retry.max-attempts=1",
                "caravan.openai.circuit-breaker.failure-rate-threshold=50",
                "caravan.openai.circuit-breaker.minimum-calls=4",
                "caravan.openai.circuit-breaker.sliding-window=4",
                "caravan.openai.circuit-breaker.wait-in-open=1000",
                "caravan.openai.circuit-breaker.half-open-calls=1"})
class CircuitBreakerTest {

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

    @BeforeEach
    void clearFaults() {
        upstream.proxy().reset();
    }

    private OpenAIClient client() {
        return CaravanClients.openAi(context, "/openai");
    }

    private CircuitBreaker breaker() {
        return context.getRegistry().lookupByNameAndType(OpenAiProviderRoutes.CIRCUIT_BREAKER, CircuitBreaker.class);
    }

    @Test
    void failures_open_it_calls_are_refused_without_reaching_the_upstream_and_a_success_closes_it()
            throws InterruptedException {
        upstream.proxy().next(FaultProxy.answer(500, Map.of(), "The server had an error"), 4);
        for (int i = 0; i < 4; i++) {
            assertEquals(500, assertThrows(InternalServerException.class, () -> client().files().list()).statusCode());
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker().getState());

        InternalServerException refused = assertThrows(InternalServerException.class, () -> client().files().list());
        assertEquals(503, refused.statusCode());
        assertTrue(refused.getMessage().contains("Provider 'openai' is failing; Caravan stopped calling it for 1 s"),
                refused.getMessage());
        InternalServerException refusedUpload = assertThrows(InternalServerException.class, () -> client().files()
                .create(OpenAiCalls.upload("while-open.txt", "x".getBytes(StandardCharsets.UTF_8),
                        FilePurpose.USER_DATA)));
        assertEquals(503, refusedUpload.statusCode());
        assertEquals(4, upstream.proxy().seen().size(), "nothing reached the upstream while open");
        assertTrue(upstream.storedFiles().stream().noneMatch(f -> f.filename().equals("while-open.txt")));

        Thread.sleep(1100);
        assertTrue(client().files().list().data().stream().noneMatch(f -> f.filename().equals("while-open.txt")));
        assertEquals(5, upstream.proxy().seen().size());
        assertEquals(CircuitBreaker.State.CLOSED, breaker().getState());
        client().batches().list();
        assertEquals(6, upstream.proxy().seen().size());
    }

    @Test
    void a_failed_trial_call_opens_it_again() throws InterruptedException {
        upstream.proxy().next(FaultProxy.answer(503, Map.of(), "overloaded"), 5);
        for (int i = 0; i < 4; i++) {
            assertThrows(InternalServerException.class, () -> client().batches().list());
        }
        Thread.sleep(1100);

        assertEquals(503, assertThrows(InternalServerException.class, () -> client().batches().list()).statusCode());
        assertEquals(5, upstream.proxy().seen().size(), "the trial call went out");
        assertEquals(CircuitBreaker.State.OPEN, breaker().getState());
        assertTrue(assertThrows(InternalServerException.class, () -> client().batches().list()).getMessage()
                .contains("stopped calling it"));
        assertEquals(5, upstream.proxy().seen().size());
    }

    @Test
    void answers_like_404_are_not_failures() {
        for (int i = 0; i < 6; i++) {
            assertThrows(NotFoundException.class, () -> client().files().retrieve("file-missing"));
        }
        assertEquals(6, upstream.proxy().seen().size());
        assertEquals(CircuitBreaker.State.CLOSED, breaker().getState());
        assertEquals(0, breaker().getMetrics().getNumberOfFailedCalls());
    }
}
