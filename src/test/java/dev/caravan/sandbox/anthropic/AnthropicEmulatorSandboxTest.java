package dev.caravan.sandbox.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.batches.BatchCreateParams;
import com.anthropic.models.messages.batches.MessageBatch;
import dev.caravan.sandbox.Sandbox;
import dev.caravan.sandbox.SandboxSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/** The sandbox starts the Anthropic emulator and points caravan.anthropic.* at it. */
class AnthropicEmulatorSandboxTest {

    @Test
    void theSandboxPointsCaravanAtTheAnthropicEmulator() throws Exception {
        Sandbox sandbox = new Sandbox(new SandboxSettings("127.0.0.1", Duration.ofSeconds(2), Duration.ofHours(24),
                Duration.ofSeconds(1), 1, Duration.ofMillis(200), Duration.ofMillis(200)));
        sandbox.start();
        String baseUrl;
        try {
            Map<String, String> properties = sandbox.upstreamProperties();
            baseUrl = properties.get("caravan.anthropic.base-url");
            String key = properties.get("caravan.anthropic.api-key");

            assertEquals(sandbox.anthropic().baseUrl(), baseUrl);
            assertTrue(baseUrl.matches("http://127\\.0\\.0\\.1:\\d+"), "no /v1: the SDK adds it: " + baseUrl);
            assertTrue(key.startsWith("sk-ant-sandbox-") && key.length() > 30, "a random key");
            assertFalse(properties.containsValue(key.replace("sk-ant-", "sk-")), "not the OpenAI key");

            AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey(key).maxRetries(0)
                    .build();
            try {
                MessageBatch created = client.messages().batches().create(BatchCreateParams.builder()
                        .addRequest(BatchCreateParams.Request.builder().customId("sandbox")
                                .params(BatchCreateParams.Request.Params.builder().model("claude-haiku-4-5")
                                        .maxTokens(8).addUserMessage("hello").build())
                                .build())
                        .build());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                MessageBatch batch = created;
                while (batch.processingStatus() != MessageBatch.ProcessingStatus.ENDED
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    batch = client.messages().batches().retrieve(created.id());
                }
                assertEquals(1, batch.requestCounts().succeeded(), batch::toString);
            } finally {
                client.close();
            }
            AnthropicClient stranger = AnthropicOkHttpClient.builder().baseUrl(baseUrl)
                    .apiKey("sk-ant-sandbox-guess-0000000000000000").maxRetries(0).build();
            try {
                assertThrows(UnauthorizedException.class, () -> stranger.messages().batches().list());
            } finally {
                stranger.close();
            }
        } finally {
            sandbox.stop();
        }
        AnthropicClient late = AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey("k").maxRetries(0).build();
        try {
            assertThrows(AnthropicIoException.class, () -> late.messages().batches().list(),
                    "stopped with the sandbox");
        } finally {
            late.close();
        }
    }

    @Test
    void thePhaseDurationIsASetting() throws Exception {
        assertEquals(Duration.ofSeconds(2), settings(new Properties()).anthropicPhase(), "2 s by default");

        Properties properties = new Properties();
        properties.setProperty("caravan.sandbox.anthropic.phase-duration", "750ms");
        assertEquals(Duration.ofMillis(750), settings(properties).anthropicPhase());
    }

    private static SandboxSettings settings(Properties properties) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesComponent component = context.getPropertiesComponent();
            component.setInitialProperties(properties);
            return SandboxSettings.from(component);
        }
    }
}
