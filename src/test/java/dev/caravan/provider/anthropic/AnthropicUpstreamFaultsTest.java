package dev.caravan.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.errors.InternalServerException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.faults.FaultProxy;
import dev.caravan.model.CaravanIds;
import dev.caravan.sandbox.anthropic.AnthropicEmulator;
import dev.caravan.sandbox.anthropic.AnthropicEmulatorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * The sandbox's Anthropic emulator behind a {@link FaultProxy}: an Anthropic too slow for
 * {@code caravan.anthropic.read-timeout} is a 504, a connection reset a 502, a create is sent exactly once whatever
 * happens to it, and results are read through the configured base URL even though {@code results_url} names the
 * emulator's own address. Caravan reaches the proxy through system properties of this test's own, so nothing leaks
 * into later test classes.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                "caravan.anthropic.base-url={{sys:" + AnthropicUpstreamFaultsTest.BASE_URL + "}}",
                "caravan.anthropic.api-key={{sys:" + AnthropicUpstreamFaultsTest.API_KEY + "}}",
                "caravan.anthropic.read-timeout=400", "caravan.anthropic.retry.max-attempts=2",
                "caravan.anthropic.retry.initial-delay=20", "caravan.anthropic.retry.max-delay=50",
                "caravan.anthropic.circuit-breaker.minimum-calls=1000"})
class AnthropicUpstreamFaultsTest {

    static final String BASE_URL = "caravan.faults.anthropic.base-url";
    static final String API_KEY = "caravan.faults.anthropic.api-key";
    private static final String KEY = "sk-ant-faults-" + Long.toHexString(System.nanoTime());
    private static final String BATCHES = "/v1/messages/batches";
    private static final Duration TOO_SLOW = Duration.ofMillis(1500);

    private static Path dataDir;
    private static AnthropicEmulator emulator;
    private static FaultProxy proxy;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startUpstream() throws IOException {
        dataDir = Files.createTempDirectory("caravan-anthropic-faults-");
        emulator = new AnthropicEmulator(new AnthropicEmulatorSettings(dataDir, KEY, Duration.ofMillis(300),
                Clock.systemUTC())).start("127.0.0.1", 0);
        proxy = FaultProxy.start(emulator.baseUrl());
        System.setProperty(BASE_URL, proxy.baseUrl());
        System.setProperty(API_KEY, KEY);
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        System.clearProperty(BASE_URL);
        System.clearProperty(API_KEY);
        proxy.close();
        emulator.close();
        Files.deleteIfExists(dataDir);
    }

    @BeforeEach
    void clearFaults() {
        proxy.reset();
    }

    private OpenAIClient client() {
        return CaravanClients.openAi(context, "/openai");
    }

    @Test
    void a_slow_create_is_504_and_sent_once() {
        proxy.next(new FaultProxy.Delay(TOO_SLOW), 1);

        InternalServerException error = assertThrows(InternalServerException.class, () -> create("slow"));

        assertEquals(504, error.statusCode());
        assertEquals("upstream_timeout", error.code().orElseThrow());
        assertTrue(error.getMessage().contains("Provider 'anthropic' did not answer in time"), error.getMessage());
        assertEquals(1, proxy.count("POST", BATCHES), "a create is never repeated: " + proxy.seen());
    }

    @Test
    void a_read_slow_on_every_attempt_is_504_after_the_attempts() {
        Batch batch = create("read-slow");
        proxy.reset();
        proxy.next(new FaultProxy.Delay(TOO_SLOW), 2);

        InternalServerException error = assertThrows(InternalServerException.class,
                () -> client().batches().retrieve(batch.id()));

        assertEquals(504, error.statusCode());
        assertEquals(2, proxy.seen().size(), proxy.seen().toString());
    }

    @Test
    void a_reset_create_is_502_and_not_repeated() {
        proxy.next(new FaultProxy.Reset(10), 1);

        InternalServerException error = assertThrows(InternalServerException.class, () -> create("reset"));

        assertEquals(502, error.statusCode());
        assertEquals("upstream_unavailable", error.code().orElseThrow());
        assertEquals(1, proxy.count("POST", BATCHES));
    }

    @Test
    void results_come_through_the_configured_base_url_not_the_address_anthropic_names() throws IOException {
        Batch done = awaitFinal(create("through-proxy").id());

        String content;
        try (HttpResponse response = client().files().content(done.outputFileId().orElseThrow());
             InputStream body = response.body()) {
            content = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertTrue(content.contains("\"custom_id\":\"through-proxy\""), content);
        assertTrue(content.contains("Sandbox reply to: Say through-proxy"), content);
        String nativeId = CaravanIds.nativeId(done.id());
        assertEquals(1, proxy.count("GET", BATCHES + "/" + nativeId + "/results"), proxy.seen().toString());
    }

    private Batch create(String customId) {
        Map<String, Object> request = Map.of("custom_id", customId, "params", Map.of("model", "claude-haiku-4-5",
                "max_tokens", 50, "messages", List.of(Map.of("role", "user", "content", "Say " + customId))));
        return client().batches().create(BatchCreateParams.builder()
                .inputFileId("")
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("anthropic"))
                .putAdditionalBodyProperty("requests", JsonValue.from(List.of(request)))
                .build());
    }

    private Batch awaitFinal(String batchId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Batch batch = client().batches().retrieve(batchId);
            if (batch.status().equals(Batch.Status.COMPLETED)) {
                return batch;
            }
            if (System.nanoTime() > deadline) {
                fail("batch " + batchId + " still " + batch.status());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
