package dev.caravan.sandbox.bedrock;

/**
 * What the sandbox model reads from a request: how many words (tokens) the whole prompt has, and the text of the last
 * user turn, which its reply quotes.
 */
record Conversation(int inputTokens, String lastUserText) {
}
