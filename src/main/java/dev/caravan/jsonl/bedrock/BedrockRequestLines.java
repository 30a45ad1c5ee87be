package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.RequestLineReader;
import dev.caravan.jsonl.RequestLineWriter;

/**
 * Bedrock batch request lines {@code {recordId, modelInput}} (provider-apis.md §6.5): the modelInput is the
 * InvokeModel body of the job's model family ({@link BedrockModelFamily}), or a Converse request when
 * {@link ConversionSettings#converse()}.
 */
public final class BedrockRequestLines {

    private BedrockRequestLines() {
    }

    public static RequestLineReader reader(ConversionSettings settings) {
        return new BedrockRequestReader(settings);
    }

    public static RequestLineWriter writer(ConversionSettings settings) {
        return new BedrockRequestWriter(settings);
    }
}
