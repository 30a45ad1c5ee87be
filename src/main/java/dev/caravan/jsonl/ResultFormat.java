package dev.caravan.jsonl;

import dev.caravan.jsonl.anthropic.AnthropicResultLines;
import dev.caravan.jsonl.bedrock.BedrockResultLines;
import dev.caravan.jsonl.gemini.GeminiResultLines;
import dev.caravan.jsonl.openai.OpenAiResultLines;

/**
 * The batch result formats: what each provider writes, and what a caller may be served. Results are written as
 * OpenAI output lines (every surface's batch results) or Bedrock {@code .out} lines (the bedrock surface).
 */
public enum ResultFormat {
    OPENAI, BEDROCK, GEMINI, ANTHROPIC;

    public ResultLineReader reader(ConversionSettings settings) {
        switch (this) {
            case OPENAI:
                return OpenAiResultLines.reader();
            case BEDROCK:
                return BedrockResultLines.reader(settings);
            case GEMINI:
                return GeminiResultLines.reader(settings);
            default:
                return AnthropicResultLines.reader(settings);
        }
    }

    public ResultLineWriter writer(ConversionSettings settings) {
        switch (this) {
            case OPENAI:
                return OpenAiResultLines.writer();
            case BEDROCK:
                return BedrockResultLines.writer(settings);
            default:
                throw new IllegalArgumentException("results are served as OPENAI or BEDROCK lines, not " + this);
        }
    }
}
