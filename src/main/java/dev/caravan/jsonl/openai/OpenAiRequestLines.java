package dev.caravan.jsonl.openai;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.RequestLineReader;
import dev.caravan.jsonl.RequestLineWriter;

/** OpenAI batch request lines {@code {custom_id, method, url, body}} (provider-apis.md §2.4). */
public final class OpenAiRequestLines {

    private OpenAiRequestLines() {
    }

    public static RequestLineReader reader(ConversionSettings settings) {
        return new OpenAiRequestReader(settings);
    }

    public static RequestLineWriter writer(ConversionSettings settings) {
        return new OpenAiRequestWriter(settings);
    }
}
