package dev.caravan.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.models.files.FileObject;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.faults.FaultProxy;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream that answers later than {@code caravan.openai.read-timeout}: the caller gets a 504 in OpenAI's envelope,
 * a read is tried {@code max-attempts} times, and a create exactly once.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                FaultyOpenAi.BASE_URL_SETTING, FaultyOpenAi.API_KEY_SETTING,
                "caravan.openai.read-timeout=400", "caravan.openai.retry.max-attempts=3",
                "caravan.openai.retry.initial-delay=50", "caravan.openai.retry.max-delay=200"})
class SlowUpstreamTest {

    private static final Duration TOO_SLOW = Duration.ofMillis(1500);
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

    @Test
    void a_read_that_times_out_on_every_attempt_is_504() {
        upstream.proxy().next(new FaultProxy.Delay(TOO_SLOW), 3);
        long started = System.nanoTime();
        InternalServerException error = assertThrows(InternalServerException.class, () -> client().files().list());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(504, error.statusCode());
        assertEquals("upstream_timeout", error.code().orElseThrow());
        assertTrue(error.getMessage().contains("Provider 'openai' did not answer in time"), error.getMessage());
        assertEquals(3, upstream.proxy().count("GET", "/v1/files"), upstream.proxy().seen().toString());
        // three read timeouts and two short waits, not three slow answers
        assertTrue(tookMillis >= 1200 && tookMillis < 3 * TOO_SLOW.toMillis(), tookMillis + " ms");
    }

    @Test
    void a_read_that_times_out_once_succeeds_on_the_retry() {
        upstream.proxy().next(new FaultProxy.Delay(TOO_SLOW), 1);
        client().files().list();
        assertEquals(2, upstream.proxy().count("GET", "/v1/files"));
    }

    @Test
    void a_create_that_times_out_is_504_and_never_sent_twice() {
        FileObject input = client().files().create(OpenAiCalls.batchInput("slow-create.jsonl"));
        upstream.proxy().next(new FaultProxy.Delay(TOO_SLOW), 1);

        InternalServerException error = assertThrows(InternalServerException.class,
                () -> client().batches().create(OpenAiCalls.batchOf(input.id())));

        assertEquals(504, error.statusCode());
        assertEquals(1, upstream.proxy().count("POST", "/v1/batches"));
        // The upstream made the batch before its answer was held back; what matters is that there is one, not two.
        assertEquals(1, upstream.storedBatches().stream().filter(b -> b.inputFileId().equals(input.id())).count());
    }
}
