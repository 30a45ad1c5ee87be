package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Role;
import java.util.List;

/**
 * Titan Text's conversational convention (Bedrock user guide, Amazon Titan Text models): {@code "User: <prompt>\nBot:"},
 * continued turn by turn for a multi-turn conversation. Titan has no system role; the system prompt goes first, as
 * plain text followed by a blank line, which is what Converse does for Titan too (UNCONFIRMED: not on the Titan page).
 *
 * <p>The reader does not parse this back: "User:" and "Bot:" are ordinary text, so a turn that contains a line
 * starting with them would be split wrongly. A Titan prompt reads back as one user message with the raw text.
 */
final class TitanPrompt {

    private TitanPrompt() {
    }

    static String render(Conversation conversation) {
        StringBuilder prompt = new StringBuilder(256);
        if (!conversation.system().isEmpty()) {
            prompt.append(conversation.joinedSystem()).append("\n\n");
        }
        List<Message> turns = conversation.turns();
        for (int i = 0; i < turns.size(); i++) {
            Message turn = turns.get(i);
            if (i > 0) {
                prompt.append('\n');
            }
            Conversation.appendText(prompt.append(turn.role() == Role.USER ? "User: " : "Bot: "), turn);
        }
        // a conversation ending with the assistant is a prefill: the model continues that turn
        if (!conversation.endsWithAssistant()) {
            prompt.append("\nBot:");
        }
        return prompt.toString();
    }
}
