package dev.caravan.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.errors.RateLimitException;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.faults.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 429 answers with {@code Retry-After}: a read waits what the upstream asked (up to
 * {@code caravan.openai.retry.retry-after-max}, 2 s here) and then succeeds; a longer ask, or a create, gets the 429
 * back at once.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                FaultyOpenAi.BASE_URL_SETTING, FaultyOpenAi.API_KEY_SETTING,
                "caravan.openai.retry.max-attempts=3", "caravan.openai.retry.initial-delay=50",
                "caravan.openai.retry.max-delay=200", "caravan.openai.retry.retry-after-max=2000"})
class RateLimitedUpstreamTest {

    private static final String LIMITED = "Rate limit reached for requests";
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

    /** Milliseconds between the first and the second request the upstream side saw. */
    private static long gapMillis(List<FaultProxy.Seen> seen) {
        return (seen.get(1).arrivedNanos() - seen.get(0).arrivedNanos()) / 1_000_000;
    }

    @Test
    void retry_after_in_seconds_is_waited_out_then_the_caller_gets_200() {
        upstream.proxy().next(FaultProxy.answer(429, Map.of("Retry-After", "1"), LIMITED), 1);

        client().files().list();

        List<FaultProxy.Seen> seen = upstream.proxy().seen();
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(gapMillis(seen) >= 1000, gapMillis(seen) + " ms between the attempts");
    }

    @Test
    void retry_after_as_an_http_date_is_waited_out() {
        // whole seconds: two seconds ahead is at least one full second away by the time Caravan reads it
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        upstream.proxy().next(FaultProxy.answer(429, Map.of("Retry-After", inTwoSeconds), LIMITED), 1);

        client().batches().list();

        List<FaultProxy.Seen> seen = upstream.proxy().seen();
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(gapMillis(seen) >= 900, gapMillis(seen) + " ms between the attempts");
    }

    @Test
    void openai_retry_after_ms_is_honoured() {
        upstream.proxy().next(FaultProxy.answer(429, Map.of("retry-after-ms", "700", "Retry-After", "1"), LIMITED),
                1);

        client().files().list();

        List<FaultProxy.Seen> seen = upstream.proxy().seen();
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(gapMillis(seen) >= 700 && gapMillis(seen) < 1000, gapMillis(seen) + " ms between the attempts");
    }

    @Test
    void a_longer_retry_after_than_the_cap_is_passed_back_at_once() {
        upstream.proxy().next(FaultProxy.answer(429, Map.of("Retry-After", "3600"), LIMITED), 1);
        long started = System.nanoTime();

        RateLimitException error = assertThrows(RateLimitException.class, () -> client().files().list());

        assertEquals(429, error.statusCode());
        assertTrue(error.getMessage().contains(LIMITED), error.getMessage());
        assertEquals(List.of("3600"), error.headers().values("Retry-After"), "the caller hears how long to wait");
        assertEquals(1, upstream.proxy().seen().size());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 1500, "not held for the upstream's hour");
    }

    @Test
    void a_rate_limited_create_is_not_retried_and_stores_nothing() {
        upstream.proxy().next(FaultProxy.answer(429, Map.of("Retry-After", "0"), LIMITED), 1);

        RateLimitException error = assertThrows(RateLimitException.class, () -> client().files().create(
                OpenAiCalls.upload("limited.txt", "hello".getBytes(StandardCharsets.UTF_8), FilePurpose.USER_DATA)));

        assertEquals(429, error.statusCode());
        assertEquals(1, upstream.proxy().count("POST", "/v1/files"));
        assertTrue(upstream.storedFiles().stream().noneMatch(f -> f.filename().equals("limited.txt")));
    }
}
