package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Mistral's instruction template as Bedrock documents it for text completion (Bedrock user guide, "Mistral AI text
 * completion"): {@code <s>[INST] question [/INST] answer</s> [INST] next question [/INST]}. User text sits inside
 * {@code [INST]…[/INST]}, assistant text outside, each finished answer closed by {@code </s>}.
 *
 * <p>The template has no system role. As in Mistral's own chat templates, the system prompt is put before the first
 * user text, separated by a blank line; so it reads back as part of that user message (UNCONFIRMED that Bedrock's
 * Mistral models treat it better any other way).
 */
final class MistralPrompt {

    private static final String START = "<s>";
    private static final String END = "</s>";
    private static final String INST = "[INST]";
    private static final String INST_END = "[/INST]";

    private MistralPrompt() {
    }

    /** The caller has checked that the first turn is a user turn. */
    static String render(Conversation conversation) {
        StringBuilder prompt = new StringBuilder(256);
        prompt.append(START);
        List<Message> turns = conversation.turns();
        for (int i = 0; i < turns.size(); i++) {
            Message turn = turns.get(i);
            if (turn.role() == Role.USER) {
                prompt.append(i == 0 ? "" : " ").append(INST).append(' ');
                if (i == 0 && !conversation.system().isEmpty()) {
                    prompt.append(conversation.joinedSystem()).append("\n\n");
                }
                Conversation.appendText(prompt, turn).append(' ').append(INST_END);
            } else {
                Conversation.appendText(prompt.append(' '), turn);
                // the last assistant turn stays open: the model continues it
                if (i < turns.size() - 1) {
                    prompt.append(END);
                }
            }
        }
        return prompt.toString();
    }

    /** The turns of a templated prompt, or null when the prompt does not follow the template. */
    static List<Message> parse(String prompt) {
        int position = prompt.startsWith(START) ? START.length() : 0;
        List<Message> messages = new ArrayList<>();
        while (true) {
            position = skipSpace(prompt, position);
            if (position == prompt.length()) {
                break;
            }
            if (!prompt.startsWith(INST, position)) {
                return null;
            }
            int close = prompt.indexOf(INST_END, position + INST.length());
            if (close < 0) {
                return null;
            }
            messages.add(Message.text(Role.USER, prompt.substring(position + INST.length(), close).strip()));
            position = close + INST_END.length();
            int end = prompt.indexOf(END, position);
            int nextInst = prompt.indexOf(INST, position);
            if (end < 0) {
                if (nextInst >= 0) {
                    // two user turns without an answer between them: not this template
                    return null;
                }
                String open = prompt.substring(position).strip();
                if (!open.isEmpty()) {
                    messages.add(Message.text(Role.ASSISTANT, open));
                }
                break;
            }
            if (nextInst >= 0 && nextInst < end) {
                return null;
            }
            messages.add(Message.text(Role.ASSISTANT, prompt.substring(position, end).strip()));
            position = end + END.length();
        }
        return messages.isEmpty() ? null : messages;
    }

    private static int skipSpace(String text, int position) {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return position;
    }
}
