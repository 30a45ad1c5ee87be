package dev.caravan.sandbox.anthropic;

import java.util.List;

/** A request's params once they passed the Messages API's checks: what the sandbox model needs to answer. */
record Prompt(ModelCatalog.Model model, long maxTokens, List<String> stopSequences, Conversation conversation) {
}
