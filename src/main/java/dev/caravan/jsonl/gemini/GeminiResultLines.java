package dev.caravan.jsonl.gemini;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ResultLineReader;
import java.time.Clock;

/** Gemini batch output lines {@code {key, response}} / {@code {key, error}} (provider-apis.md §5.5). */
public final class GeminiResultLines {

    private GeminiResultLines() {
    }

    /** {@code settings.model()} names the model when a response has no modelVersion. */
    public static ResultLineReader reader(ConversionSettings settings) {
        return reader(settings, Clock.systemUTC());
    }

    /** Gemini responses carry no creation time: the completion's {@code created} is the clock's reading time. */
    public static ResultLineReader reader(ConversionSettings settings, Clock clock) {
        return new GeminiResultReader(settings, clock);
    }
}
