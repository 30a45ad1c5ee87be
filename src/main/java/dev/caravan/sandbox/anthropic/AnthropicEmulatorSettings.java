package dev.caravan.sandbox.anthropic;

import dev.caravan.sandbox.PresentedKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link AnthropicEmulator} behaves.
 *
 * @param dataDir            where create bodies are spooled and batches keep their requests and results (the emulator
 *                           writes only under {@code dataDir/anthropic-emulator})
 * @param apiKey             the only key accepted, in {@code x-api-key} or {@code Authorization: Bearer}
 * @param processingDuration how long a batch stays {@code in_progress} on the emulator's clock before its requests are
 *                           all processed; its requests finish one after another through that time
 * @param clock              the emulator's clock: every timestamp, the processing schedule and the 24 h expiry run on
 *                           it (tests inject one to reach an expiry)
 */
public record AnthropicEmulatorSettings(Path dataDir, String apiKey, Duration processingDuration, Clock clock) {

    public AnthropicEmulatorSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(processingDuration, "processingDuration");
        Objects.requireNonNull(clock, "clock");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        if (processingDuration.isNegative()) {
            throw new IllegalArgumentException("processingDuration must be >= 0");
        }
    }

    /** The system clock and a 2 s processing time: what the sandbox runs with unless told otherwise. */
    public static AnthropicEmulatorSettings defaults(Path dataDir, String apiKey) {
        return new AnthropicEmulatorSettings(dataDir, apiKey, Duration.ofSeconds(2), Clock.systemUTC());
    }

    public AnthropicEmulatorSettings withProcessingDuration(Duration value) {
        return new AnthropicEmulatorSettings(dataDir, apiKey, value, clock);
    }

    public AnthropicEmulatorSettings withClock(Clock value) {
        return new AnthropicEmulatorSettings(dataDir, apiKey, processingDuration, value);
    }

    // The generated toString would print the key into logs and assertion messages.
    @Override
    public String toString() {
        return "AnthropicEmulatorSettings[dataDir=" + dataDir + ", apiKey=" + PresentedKey.masked(apiKey)
                + ", processingDuration=" + processingDuration + ", clock=" + clock + "]";
    }
}
