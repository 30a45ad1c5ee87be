package dev.caravan.model;

public record Usage(long inputTokens, long cachedTokens, long outputTokens, long reasoningTokens, long totalTokens) {
}
