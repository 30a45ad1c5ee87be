package dev.caravan.jsonl.openai;

import dev.caravan.jsonl.ResultLineReader;
import dev.caravan.jsonl.ResultLineWriter;

/** OpenAI batch output / error lines {@code {id, custom_id, response, error}} (provider-apis.md §2.5). */
public final class OpenAiResultLines {

    private OpenAiResultLines() {
    }

    public static ResultLineReader reader() {
        return new OpenAiResultReader();
    }

    public static ResultLineWriter writer() {
        return new OpenAiResultWriter();
    }
}
