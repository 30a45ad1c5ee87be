package dev.caravan.jsonl.canonical;

/** Tokens a request used; {@code total} is prompt + completion unless the provider said otherwise. */
public record TokenUsage(long prompt, long completion, long total) {

    public static TokenUsage of(long prompt, long completion) {
        return new TokenUsage(prompt, completion, prompt + completion);
    }
}
