package dev.caravan.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/** Which upstreams readiness looks at, from the same settings the providers read. */
class UpstreamTargetsTest {

    @Test
    void a_provider_without_credentials_is_not_probed_and_counts_as_up() {
        Map<String, UpstreamTarget> targets = resolve(Map.of(
                "caravan.openai.base-url", "https://api.openai.com/v1", "caravan.openai.api-key", ""));
        UpstreamTarget openAi = targets.get("openai");
        assertNull(openAi.probe());
        assertTrue(openAi.healthy());
        assertTrue(openAi.unprobed().contains("caravan.openai.api-key"), openAi.unprobed());
        // nothing configured at all: every check is UP without a single request going out
        UpstreamReachability reachability = new UpstreamReachability(
                () -> resolve(Map.of()).values().stream().toList(), Duration.ofMillis(100), Duration.ZERO);
        for (String name : UpstreamTargets.NAMES) {
            assertTrue(reachability.of(name).up(), name);
        }
    }

    @Test
    void aws_upstreams_without_an_endpoint_are_probed_at_the_regional_endpoint() {
        Map<String, UpstreamTarget> targets = resolve(Map.of(
                "caravan.bedrock.access-key", "AKIDEXAMPLE", "caravan.bedrock.region", "eu-west-1",
                "caravan.bedrock.s3.access-key", "AKIDEXAMPLE", "caravan.bedrock.s3.region", "eu-west-1"));
        assertEquals("https://bedrock.eu-west-1.amazonaws.com", targets.get("bedrock").probe().toString());
        assertEquals("https://s3.eu-west-1.amazonaws.com", targets.get("bedrock-s3").probe().toString());
    }

    @Test
    void a_malformed_base_url_is_down_and_names_its_setting() {
        UpstreamTarget gemini = resolve(Map.of("caravan.gemini.api-key", "AIza-test",
                "caravan.gemini.base-url", "generativelanguage.googleapis.com")).get("gemini");
        assertFalse(gemini.healthy());
        assertTrue(gemini.unprobed().contains("caravan.gemini.base-url"), gemini.unprobed());
    }

    @Test
    void a_stored_endpoint_is_probed_and_the_embedded_store_is_not() {
        assertNull(resolve(Map.of()).get("store").probe());
        assertEquals("http://minio:9000",
                resolve(Map.of("caravan.store.endpoint", "http://minio:9000")).get("store").probe().toString());
    }

    @Test
    void an_upstream_that_does_not_answer_is_down() {
        // port 9 (discard) on loopback: nothing listens there in a test environment, the connect is refused
        UpstreamReachability reachability = new UpstreamReachability(() -> java.util.List.of(
                UpstreamTarget.probed("openai", java.net.URI.create("http://127.0.0.1:9/v1"))),
                Duration.ofMillis(500), Duration.ZERO);
        Reachability result = reachability.of("openai");
        assertFalse(result.up());
        assertTrue(result.detail().startsWith("http://127.0.0.1:9 unreachable"), result.detail());
    }

    private static Map<String, UpstreamTarget> resolve(Map<String, String> settings) {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesComponent properties = context.getPropertiesComponent();
            Properties initial = new Properties();
            initial.putAll(settings);
            properties.setInitialProperties(initial);
            Map<String, UpstreamTarget> byName = new java.util.LinkedHashMap<>();
            new UpstreamTargets(properties).resolve().forEach(target -> byName.put(target.name(), target));
            return byName;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
