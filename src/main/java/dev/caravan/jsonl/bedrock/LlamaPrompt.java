package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Llama's chat template, which Bedrock's InvokeModel leaves to the caller: the prompt is the whole conversation in
 * the model's special tokens, ending with an open assistant header for the model to fill (Bedrock user guide, Meta
 * Llama models; Meta's Llama 3 and Llama 4 model cards, "prompt format"). Llama 3.x and Llama 4 use different header
 * and end-of-turn tokens.
 *
 * <p>The template is parsed back as strictly as it is written: the tokens are reserved, so a prompt either is a
 * sequence of well-formed turns or is not a template at all (then the reader keeps it as one raw user message).
 */
final class LlamaPrompt {

    static final String BEGIN = "<|begin_of_text|>";

    enum Dialect {
        LLAMA3("<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"),
        // UNCONFIRMED on Bedrock: Meta's Llama 4 prompt-format page; Bedrock's Llama page shows Llama 3 tokens only
        LLAMA4("<|header_start|>", "<|header_end|>", "<|eot|>");

        private final String headerStart;
        private final String headerEnd;
        private final String endOfTurn;

        Dialect(String headerStart, String headerEnd, String endOfTurn) {
            this.headerStart = headerStart;
            this.headerEnd = headerEnd;
            this.endOfTurn = endOfTurn;
        }

        static Dialect of(String baseId) {
            return baseId.startsWith("meta.llama4") ? LLAMA4 : LLAMA3;
        }
    }

    private LlamaPrompt() {
    }

    /**
     * Every turn closed by its end-of-turn token, then an open assistant header. A conversation that ends with an
     * assistant turn leaves that turn open instead, so the model continues it (a prefill).
     */
    static String render(Conversation conversation, Dialect dialect) {
        StringBuilder prompt = new StringBuilder(256);
        prompt.append(BEGIN);
        if (!conversation.system().isEmpty()) {
            header(prompt, dialect, "system").append(conversation.joinedSystem()).append(dialect.endOfTurn);
        }
        List<Message> turns = conversation.turns();
        for (int i = 0; i < turns.size(); i++) {
            Message turn = turns.get(i);
            Conversation.appendText(header(prompt, dialect, turn.role() == Role.USER ? "user" : "assistant"), turn);
            boolean prefill = i == turns.size() - 1 && turn.role() == Role.ASSISTANT;
            if (!prefill) {
                prompt.append(dialect.endOfTurn);
            }
        }
        if (!conversation.endsWithAssistant()) {
            header(prompt, dialect, "assistant");
        }
        return prompt.toString();
    }

    private static StringBuilder header(StringBuilder prompt, Dialect dialect, String role) {
        return prompt.append(dialect.headerStart).append(role).append(dialect.headerEnd).append("\n\n");
    }

    /** The turns of a templated prompt, or null when the prompt is not exactly one. */
    static List<Message> parse(String prompt) {
        if (!prompt.startsWith(BEGIN)) {
            return null;
        }
        int position = BEGIN.length();
        Dialect dialect = prompt.startsWith(Dialect.LLAMA3.headerStart, position) ? Dialect.LLAMA3
                : prompt.startsWith(Dialect.LLAMA4.headerStart, position) ? Dialect.LLAMA4 : null;
        if (dialect == null) {
            return null;
        }
        List<Message> messages = new ArrayList<>();
        while (position < prompt.length()) {
            if (!prompt.startsWith(dialect.headerStart, position)) {
                return null;
            }
            int roleStart = position + dialect.headerStart.length();
            int roleEnd = prompt.indexOf(dialect.headerEnd, roleStart);
            if (roleEnd < 0) {
                return null;
            }
            Role role = role(prompt.substring(roleStart, roleEnd));
            int textStart = roleEnd + dialect.headerEnd.length();
            if (role == null || !prompt.startsWith("\n\n", textStart)) {
                return null;
            }
            textStart += 2;
            if (role == Role.SYSTEM && !messages.isEmpty()) {
                return null;
            }
            int end = prompt.indexOf(dialect.endOfTurn, textStart);
            if (end < 0) {
                // the open turn at the end: the generation cue, or an assistant prefill
                if (role != Role.ASSISTANT) {
                    return null;
                }
                if (textStart < prompt.length()) {
                    messages.add(Message.text(role, prompt.substring(textStart)));
                }
                break;
            }
            messages.add(Message.text(role, prompt.substring(textStart, end)));
            position = end + dialect.endOfTurn.length();
        }
        return messages.isEmpty() ? null : messages;
    }

    private static Role role(String name) {
        switch (name) {
            case "system":
                return Role.SYSTEM;
            case "user":
                return Role.USER;
            case "assistant":
                return Role.ASSISTANT;
            default:
                return null;
        }
    }
}
