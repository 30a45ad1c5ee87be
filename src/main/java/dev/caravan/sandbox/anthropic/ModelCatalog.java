package dev.caravan.sandbox.anthropic;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The models the sandbox answers for: each snapshot id, the aliases that resolve to it, and its maximum output
 * tokens (a larger {@code max_tokens} is an invalid request, as on the real API). A message names the snapshot, as
 * the real API's do when called with an alias. Any other model name is {@code not_found_error}.
 */
final class ModelCatalog {

    /** A model as the API reports it in a message. */
    record Model(String id, int maxOutputTokens) {
    }

    private static final Map<String, Model> BY_NAME = new HashMap<>();

    static {
        // Published snapshots and their aliases, with their published output limits.
        add("claude-opus-4-5-20251101", 64_000, "claude-opus-4-5");
        add("claude-opus-4-1-20250805", 32_000, "claude-opus-4-1");
        add("claude-opus-4-20250514", 32_000, "claude-opus-4-0");
        add("claude-sonnet-4-5-20250929", 64_000, "claude-sonnet-4-5");
        add("claude-sonnet-4-20250514", 64_000, "claude-sonnet-4-0");
        add("claude-3-7-sonnet-20250219", 64_000, "claude-3-7-sonnet-latest");
        add("claude-haiku-4-5-20251001", 64_000, "claude-haiku-4-5");
        add("claude-3-5-haiku-20241022", 8_192, "claude-3-5-haiku-latest");
        add("claude-3-haiku-20240307", 4_096);
        // UNCONFIRMED: names the official Java SDK 3.12.0 lists (com.anthropic.models.messages.Model) whose snapshot
        // ids and output limits no source here gives. They answer under their own name with 64,000 output tokens,
        // so that a test using any of the SDK's constants runs.
        for (String name : new String[] {"claude-opus-4-6", "claude-opus-4-7", "claude-opus-4-8", "claude-opus-5",
                "claude-opus-5-5", "claude-sonnet-4-6", "claude-sonnet-5", "claude-sonnet-5-5", "claude-haiku-5-5",
                "claude-fable-5", "claude-fable-5-1", "claude-fable-5-2", "claude-mythos-5", "claude-mythos-5-1",
                "claude-mythos-5-2", "claude-mythos-preview"}) {
            add(name, 64_000);
        }
    }

    private ModelCatalog() {
    }

    private static void add(String id, int maxOutputTokens, String... aliases) {
        Model model = new Model(id, maxOutputTokens);
        BY_NAME.put(id, model);
        for (String alias : aliases) {
            BY_NAME.put(alias, model);
        }
    }

    static Optional<Model> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
