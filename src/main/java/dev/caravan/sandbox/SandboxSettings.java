package dev.caravan.sandbox;

import java.time.Duration;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.TimeUtils;

/**
 * How the sandbox runs: where the emulators listen and how fast their clocks go.
 *
 * @param bedrockPhase      how long each Bedrock job phase lasts (Submitted, Validating, Scheduled, InProgress)
 * @param bedrockMinRecords the Bedrock emulator's "Minimum number of records per batch inference job" quota: 1 in
 *                          the sandbox (DESIGN §8b) so the documents' 3-record examples run; the real default is 100
 * @param anthropicPhase    how long an Anthropic message batch stays in_progress before it ends
 * @param geminiPhase       how long a Gemini batch stays in each of BATCH_STATE_PENDING and BATCH_STATE_RUNNING
 */
public record SandboxSettings(String host, Duration openAiPhase, Duration openAiCompletionWindow,
                              Duration bedrockPhase, long bedrockMinRecords, Duration anthropicPhase,
                              Duration geminiPhase) {

    public static SandboxSettings from(PropertiesComponent properties) {
        return new SandboxSettings(
                properties.resolveProperty("caravan.sandbox.host").orElse("127.0.0.1"),
                TimeUtils.toDuration(properties.resolveProperty("caravan.sandbox.openai.phase-duration").orElse("2s")),
                TimeUtils.toDuration(
                        properties.resolveProperty("caravan.sandbox.openai.completion-window").orElse("24h")),
                TimeUtils.toDuration(properties.resolveProperty("caravan.sandbox.bedrock.phase-duration").orElse("1s")),
                Long.parseLong(properties.resolveProperty("caravan.sandbox.bedrock.min-records").orElse("1").trim()),
                TimeUtils.toDuration(
                        properties.resolveProperty("caravan.sandbox.anthropic.phase-duration").orElse("2s")),
                TimeUtils.toDuration(
                        properties.resolveProperty("caravan.sandbox.gemini.phase-duration").orElse("1s")));
    }
}
