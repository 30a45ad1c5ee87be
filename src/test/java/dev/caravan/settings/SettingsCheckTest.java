package dev.caravan.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/** Caravan refuses to start on a setting that cannot be what its name says, naming the setting. */
class SettingsCheckTest {

    @Test
    void the_shipped_settings_pass() throws IOException {
        assertEquals(List.of(), problems(Map.of()));
    }

    @Test
    void each_bad_setting_is_named_with_what_was_expected() throws IOException {
        List<String> problems = problems(Map.of(
                "caravan.openai.read-timeout", "30s",
                "caravan.gemini.base-url", "generativelanguage.googleapis.com",
                "caravan.store.path-style", "yes",
                "caravan.bedrock.circuit-breaker.failure-rate-threshold", "150"));
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.contains("caravan.openai.read-timeout is '30s', expected a whole number (0 or more)"),
                problems.toString());
        assertTrue(problems.contains("caravan.gemini.base-url is malformed, expected empty or an absolute http(s) URL"
                + " such as https://host:port"), problems.toString());
        assertTrue(problems.contains("caravan.store.path-style is 'yes', expected true or false"), problems.toString());
        assertTrue(problems.contains("caravan.bedrock.circuit-breaker.failure-rate-threshold is '150', expected a "
                + "whole number from 1 to 100"), problems.toString());
    }

    /** As an operator meets it: the environment variable a setting names holds a typo, and the process ends. */
    @Test
    void caravan_exits_with_the_setting_named_when_its_environment_variable_is_wrong() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CaravanApplication.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("OPENAI_READ_TIMEOUT_MS", "5min");
        // a setting a bean is built from at startup, too: the check comes first and names both
        builder.environment().put("CARAVAN_S3_MAX_OBJECT_BYTES", "5GB");
        builder.environment().put("CARAVAN_PORT", "0");
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "Caravan did not stop");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("Invalid settings: "), output);
        assertTrue(output.contains("caravan.openai.read-timeout is '5min', expected a whole number"), output);
        assertTrue(output.contains("caravan.s3.max-object-bytes is '5GB', expected a whole number"), output);
        assertFalse(output.contains(") started in"), output);
    }

    private static List<String> problems(Map<String, String> overrides) throws IOException {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.setLocation("file:application.properties");
            Properties override = new Properties();
            override.putAll(overrides);
            properties.setOverrideProperties(override);
            return SettingsCheck.problems(properties);
        }
    }
}
