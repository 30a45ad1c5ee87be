package dev.caravan.provider.gemini;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ConvertedLines;
import dev.caravan.jsonl.LineFormat;
import dev.caravan.jsonl.RequestConversion;
import dev.caravan.jsonl.RequestFormats;
import dev.caravan.jsonl.RequestLineWriter;
import dev.caravan.jsonl.canonical.Endpoint;
import java.io.InputStream;

/**
 * A batch input file in any supported line format, converted as it is read to Gemini's documented file lines
 * {@code {key, request}} (provider-apis.md §5.5) with Caravan's converters; a file already in that form passes
 * through byte for byte. Every line is checked on the way, its model included ({@link LineModels}).
 */
final class GeminiLines {

    private GeminiLines() {
    }

    /** {@code models} sees every converted line's request; read it once the lines have been read to their end. */
    static ConvertedLines convert(InputStream source, int maxRequests, LineModels models) {
        RequestConversion conversion = new RequestConversion(RequestFormats::reader, (target, settings) -> {
            RequestLineWriter gemini = RequestFormats.writer(LineFormat.GEMINI, settings);
            return (request, out) -> {
                models.check(request);
                gemini.write(request, out);
            };
        });
        // Gemini file batches run generateContent: chat completions on the OpenAI surface
        return conversion.convert(source, LineFormat.GEMINI,
                new ConversionSettings(null, Endpoint.CHAT_COMPLETIONS, false, maxRequests));
    }
}
