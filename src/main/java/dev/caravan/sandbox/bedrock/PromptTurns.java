package dev.caravan.sandbox.bedrock;

import dev.caravan.sandbox.Words;
import java.util.regex.Pattern;

/**
 * The prompt-string families (Llama, Mistral, Titan Text) carry the whole conversation in one templated string. The
 * sandbox model's reply quotes the last user turn, found by the family's own markers: Llama 3
 * {@code <|start_header_id|>user<|end_header_id|>…<|eot_id|>}, Llama 4 {@code <|header_start|>user<|header_end|>…
 * <|eot|>}, Mistral {@code [INST] … [/INST]}, Titan {@code User: …\nBot:}. A prompt without markers is the user's
 * text as it is.
 */
final class PromptTurns {

    /** Special tokens are no words of the prompt. */
    private static final Pattern SPECIAL = Pattern.compile("<\\|[a-z_]+\\|>|</?s>|\\[/?INST]");

    private PromptTurns() {
    }

    static Conversation llama(String prompt) {
        String user = between(prompt, "<|start_header_id|>user<|end_header_id|>", "<|eot_id|>");
        if (user == null) {
            user = between(prompt, "<|header_start|>user<|header_end|>", "<|eot|>");
        }
        return conversation(prompt, user);
    }

    static Conversation mistral(String prompt) {
        return conversation(prompt, between(prompt, "[INST]", "[/INST]"));
    }

    static Conversation titan(String prompt) {
        String user = between(prompt, "User:", "\nBot:");
        return conversation(prompt, user);
    }

    private static Conversation conversation(String prompt, String lastUser) {
        String words = SPECIAL.matcher(prompt).replaceAll(" ");
        return new Conversation(Words.count(words), lastUser != null ? lastUser.strip()
                : SPECIAL.matcher(prompt).replaceAll(" ").strip());
    }

    /** The text after the last {@code open}, up to the next {@code close} or the end; null without {@code open}. */
    private static String between(String prompt, String open, String close) {
        int start = prompt.lastIndexOf(open);
        if (start < 0) {
            return null;
        }
        start += open.length();
        int end = prompt.indexOf(close, start);
        return prompt.substring(start, end < 0 ? prompt.length() : end);
    }
}
