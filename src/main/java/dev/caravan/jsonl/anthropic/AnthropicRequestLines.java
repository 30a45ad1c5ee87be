package dev.caravan.jsonl.anthropic;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.RequestLineReader;
import dev.caravan.jsonl.RequestLineWriter;

/** Anthropic Message Batches request lines {@code {custom_id, params}} (provider-apis.md §3.2). */
public final class AnthropicRequestLines {

    private AnthropicRequestLines() {
    }

    public static RequestLineReader reader(ConversionSettings settings) {
        return new AnthropicRequestReader(settings);
    }

    /** {@code settings.model()} is the model of lines that name none. */
    public static RequestLineWriter writer(ConversionSettings settings) {
        return new AnthropicRequestWriter(settings);
    }
}
