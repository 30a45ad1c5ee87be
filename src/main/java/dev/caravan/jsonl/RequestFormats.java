package dev.caravan.jsonl;

import dev.caravan.jsonl.anthropic.AnthropicRequestLines;
import dev.caravan.jsonl.bedrock.BedrockRequestLines;
import dev.caravan.jsonl.gemini.GeminiRequestLines;
import dev.caravan.jsonl.openai.OpenAiRequestLines;

/** The reader and writer of each request-line format (DESIGN §4). */
public final class RequestFormats {

    private RequestFormats() {
    }

    public static RequestLineReader reader(LineFormat format, ConversionSettings settings) {
        switch (format) {
            case OPENAI:
                return OpenAiRequestLines.reader(settings);
            case ANTHROPIC:
                return AnthropicRequestLines.reader(settings);
            case BEDROCK:
                return BedrockRequestLines.reader(settings);
            default:
                return GeminiRequestLines.reader(settings);
        }
    }

    public static RequestLineWriter writer(LineFormat format, ConversionSettings settings) {
        switch (format) {
            case OPENAI:
                return OpenAiRequestLines.writer(settings);
            case ANTHROPIC:
                return AnthropicRequestLines.writer(settings);
            case BEDROCK:
                return BedrockRequestLines.writer(settings);
            case GEMINI:
                return GeminiRequestLines.writer(settings, false);
            default:
                return GeminiRequestLines.writer(settings, true);
        }
    }

    /** Conversion between any two request formats. */
    public static RequestConversion conversion() {
        return new RequestConversion(RequestFormats::reader, RequestFormats::writer);
    }
}
