package dev.caravan.jsonl.anthropic;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ResultLineReader;
import java.time.Clock;

/** Anthropic Message Batches result lines {@code {custom_id, result}} (provider-apis.md §3.4). */
public final class AnthropicResultLines {

    private AnthropicResultLines() {
    }

    /** {@code settings.model()} names the model of a message that names none (Anthropic's always do). */
    public static ResultLineReader reader(ConversionSettings settings) {
        return reader(settings, Clock.systemUTC());
    }

    /** Anthropic messages carry no creation time: the completion's {@code created} is the clock's reading time. */
    public static ResultLineReader reader(ConversionSettings settings, Clock clock) {
        return new AnthropicResultReader(settings, clock);
    }
}
