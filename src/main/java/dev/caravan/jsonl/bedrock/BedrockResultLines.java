package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ResultLineReader;
import dev.caravan.jsonl.ResultLineWriter;
import java.time.Clock;

/**
 * Bedrock batch result records, the lines of a job's {@code .out} files (provider-apis.md §6.5):
 * {@code {recordId, modelInput, modelOutput}} or {@code {recordId, modelInput, error: {errorCode, errorMessage}}}.
 */
public final class BedrockResultLines {

    private BedrockResultLines() {
    }

    /** Completions are dated when they are read: Bedrock records carry no time. */
    public static ResultLineReader reader(ConversionSettings settings) {
        return reader(settings, Clock.systemUTC());
    }

    public static ResultLineReader reader(ConversionSettings settings, Clock clock) {
        return new BedrockResultReader(settings, clock);
    }

    public static ResultLineWriter writer(ConversionSettings settings) {
        return new BedrockResultWriter(settings);
    }
}
