package dev.caravan.sandbox.anthropic;

/**
 * What the sandbox model reads from a request: how many words (tokens) the prompt has, system included, and the text
 * of the last user turn, which its reply quotes (null when that turn has no text).
 */
record Conversation(int inputTokens, String lastUserText) {
}
