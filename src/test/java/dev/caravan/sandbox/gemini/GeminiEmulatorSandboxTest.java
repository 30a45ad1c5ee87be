package dev.caravan.sandbox.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.genai.Client;
import com.google.genai.errors.ClientException;
import com.google.genai.types.File;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.UploadFileConfig;
import dev.caravan.sandbox.Sandbox;
import dev.caravan.sandbox.SandboxSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/** The sandbox starts the Gemini emulator and points caravan.gemini.* at it. */
class GeminiEmulatorSandboxTest {

    @Test
    void theSandboxPointsCaravanAtTheGeminiEmulator() {
        Sandbox sandbox = new Sandbox(new SandboxSettings("127.0.0.1", Duration.ofSeconds(2), Duration.ofHours(24),
                Duration.ofSeconds(1), 1, Duration.ofMillis(200), Duration.ofMillis(200)));
        sandbox.start();
        try {
            Map<String, String> properties = sandbox.upstreamProperties();
            String baseUrl = properties.get("caravan.gemini.base-url");
            String key = properties.get("caravan.gemini.api-key");
            assertEquals(sandbox.gemini().baseUrl(), baseUrl);
            assertTrue(baseUrl.matches("http://127\\.0\\.0\\.1:\\d+"), "no /v1beta: the client adds it: " + baseUrl);
            assertTrue(key.startsWith("AIza") && key.length() > 30, "a random key in Google's shape");

            try (Client client = Client.builder().apiKey(key)
                    .httpOptions(HttpOptions.builder().baseUrl(baseUrl).build()).build()) {
                File file = client.files.upload("{}\n".getBytes(StandardCharsets.UTF_8),
                        UploadFileConfig.builder().mimeType("application/jsonl").build());
                assertEquals(file.name(), client.files.get(file.name().orElseThrow(), null).name());
            }
            try (Client stranger = Client.builder().apiKey("AIzaSandboxGuess0000000000000000000")
                    .httpOptions(HttpOptions.builder().baseUrl(baseUrl).build()).build()) {
                assertThrows(ClientException.class, () -> stranger.files.get("files/anything", null));
            }
        } finally {
            sandbox.stop();
        }
    }

    @Test
    void thePhaseDurationIsASetting() throws Exception {
        assertEquals(Duration.ofSeconds(1), settings(new Properties()).geminiPhase(), "1 s by default");
        Properties properties = new Properties();
        properties.setProperty("caravan.sandbox.gemini.phase-duration", "250ms");
        assertEquals(Duration.ofMillis(250), settings(properties).geminiPhase());
    }

    private static SandboxSettings settings(Properties properties) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesComponent component = context.getPropertiesComponent();
            component.setInitialProperties(properties);
            return SandboxSettings.from(component);
        }
    }
}
