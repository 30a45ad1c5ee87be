package dev.caravan.sandbox;

import java.time.Duration;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.TimeUtils;

/** How the sandbox runs: where the emulators listen and how fast their clocks go. */
public record SandboxSettings(String host, Duration openAiPhase, Duration openAiCompletionWindow) {

    public static SandboxSettings from(PropertiesComponent properties) {
        return new SandboxSettings(
                properties.resolveProperty("caravan.sandbox.host").orElse("127.0.0.1"),
                TimeUtils.toDuration(properties.resolveProperty("caravan.sandbox.openai.phase-duration").orElse("2s")),
                TimeUtils.toDuration(
                        properties.resolveProperty("caravan.sandbox.openai.completion-window").orElse("24h")));
    }
}
