package dev.caravan.jsonl.gemini;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.RequestLineReader;
import dev.caravan.jsonl.RequestLineWriter;

/**
 * Gemini batch file request lines (provider-apis.md §5.5): keyed {@code {key, request}} (the documented file form)
 * or {@code {request, metadata:{key}}} (the inline-request form the docs also show), request in proto3 JSON.
 */
public final class GeminiRequestLines {

    private GeminiRequestLines() {
    }

    /** Reads both forms; camelCase and snake_case field names alike. */
    public static RequestLineReader reader(ConversionSettings settings) {
        return new GeminiRequestReader(settings);
    }

    /**
     * Writes the keyed form, or the metadata form when {@code metadataForm}. The settings are taken for symmetry
     * with the other formats; nothing in a Gemini line depends on them (the batch, not the line, names the model).
     */
    public static RequestLineWriter writer(ConversionSettings settings, boolean metadataForm) {
        return new GeminiRequestWriter(metadataForm);
    }
}
