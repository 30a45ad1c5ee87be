package dev.caravan.sandbox.gemini;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link GeminiEmulator} behaves.
 *
 * @param dataDir        where uploads are spooled and files and batch results kept (the emulator writes only under
 *                       {@code dataDir/gemini-emulator})
 * @param apiKey         the only key accepted, in {@code x-goog-api-key} or {@code ?key=}
 * @param phaseDuration  how long a batch stays in each of BATCH_STATE_PENDING and BATCH_STATE_RUNNING on the
 *                       emulator's clock before it succeeds
 * @param clock          the emulator's clock: timestamps, the batch phases, the 48 h file and batch expiries
 * @param maxFileBytes   the largest file an upload may create (the API's limit is 2 GB; tests set less)
 * @param maxInlineBytes the largest batch create body, which holds any inline requests (the API's limit is 20 MB)
 */
public record GeminiEmulatorSettings(Path dataDir, String apiKey, Duration phaseDuration, Clock clock,
                                     long maxFileBytes, long maxInlineBytes) {

    public static final long MAX_FILE_BYTES = 2L * 1024 * 1024 * 1024;
    public static final long MAX_INLINE_BYTES = 20L * 1024 * 1024;

    public GeminiEmulatorSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(phaseDuration, "phaseDuration");
        Objects.requireNonNull(clock, "clock");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        if (phaseDuration.isNegative()) {
            throw new IllegalArgumentException("phaseDuration must be >= 0");
        }
        if (maxFileBytes <= 0 || maxInlineBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The system clock, 1 s phases and the API's limits: what the sandbox runs with unless told otherwise. */
    public static GeminiEmulatorSettings defaults(Path dataDir, String apiKey) {
        return new GeminiEmulatorSettings(dataDir, apiKey, Duration.ofSeconds(1), Clock.systemUTC(), MAX_FILE_BYTES,
                MAX_INLINE_BYTES);
    }

    public GeminiEmulatorSettings withPhaseDuration(Duration value) {
        return new GeminiEmulatorSettings(dataDir, apiKey, value, clock, maxFileBytes, maxInlineBytes);
    }

    public GeminiEmulatorSettings withClock(Clock value) {
        return new GeminiEmulatorSettings(dataDir, apiKey, phaseDuration, value, maxFileBytes, maxInlineBytes);
    }

    public GeminiEmulatorSettings withLimits(long fileBytes, long inlineBytes) {
        return new GeminiEmulatorSettings(dataDir, apiKey, phaseDuration, clock, fileBytes, inlineBytes);
    }

    // The generated toString would print the key into logs and assertion messages.
    @Override
    public String toString() {
        return "GeminiEmulatorSettings[dataDir=" + dataDir + ", apiKey=" + KeyGuard.mask(apiKey) + ", phaseDuration="
                + phaseDuration + ", clock=" + clock + ", maxFileBytes=" + maxFileBytes + ", maxInlineBytes="
                + maxInlineBytes + "]";
    }
}
