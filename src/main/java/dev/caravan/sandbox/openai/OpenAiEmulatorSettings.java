package dev.caravan.sandbox.openai;

import dev.caravan.sandbox.PresentedKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link OpenAiEmulator} behaves.
 *
 * @param dataDir          where uploads, stored files and batch work files go (the emulator writes only under
 *                         {@code dataDir/openai-emulator})
 * @param apiKey           the only key accepted in {@code Authorization: Bearer}
 * @param phaseDuration    how long each batch phase (validating, in_progress, finalizing, cancelling) lasts
 * @param completionWindow time from creation after which an unfinished batch expires (the real API: 24 h)
 */
public record OpenAiEmulatorSettings(Path dataDir, String apiKey, Duration phaseDuration, Duration completionWindow) {

    public OpenAiEmulatorSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(phaseDuration, "phaseDuration");
        Objects.requireNonNull(completionWindow, "completionWindow");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        if (phaseDuration.isNegative() || completionWindow.isNegative() || completionWindow.isZero()) {
            throw new IllegalArgumentException("phaseDuration must be >= 0 and completionWindow > 0");
        }
    }

    public static OpenAiEmulatorSettings defaults(Path dataDir, String apiKey) {
        return new OpenAiEmulatorSettings(dataDir, apiKey, Duration.ofSeconds(1), Duration.ofHours(24));
    }

    // The generated toString would print the key into logs and assertion messages.
    @Override
    public String toString() {
        return "OpenAiEmulatorSettings[dataDir=" + dataDir + ", apiKey=" + PresentedKey.masked(apiKey)
                + ", phaseDuration=" + phaseDuration + ", completionWindow=" + completionWindow + "]";
    }
}
