package dev.caravan.sandbox;

import java.util.Arrays;
import java.util.List;

/**
 * The sandbox models' answer to a prompt, the same for every emulated provider, each naming the stop its own way:
 * "Sandbox reply to: &lt;last user text&gt;", cut before the first stop sequence it contains, then truncated to the
 * max-tokens limit (one token per word). Deterministic, so a result can be asserted on and the same job always writes
 * the same results.
 *
 * @param stopSequence the stop sequence that ended the reply, or null
 */
public record SandboxReply(String text, int tokens, Stop stop, String stopSequence) {

    public enum Stop { END, MAX_TOKENS, STOP_SEQUENCE }

    public static final String PREFIX = "Sandbox reply to: ";

    /** @param maxTokens null for no limit */
    public static SandboxReply to(String lastUserText, Integer maxTokens, List<String> stopSequences) {
        String text = lastUserText == null || lastUserText.isBlank() ? "Sandbox reply." : PREFIX + lastUserText.strip();
        Stop stop = Stop.END;
        String matched = null;
        int cut = text.length();
        for (String sequence : stopSequences) {
            int at = sequence.isEmpty() ? -1 : text.indexOf(sequence);
            if (at >= 0 && at < cut) {
                cut = at;
                matched = sequence;
            }
        }
        if (matched != null) {
            text = text.substring(0, cut).stripTrailing();
            stop = Stop.STOP_SEQUENCE;
        }
        String[] words = Words.split(text);
        if (maxTokens != null && words.length > maxTokens) {
            return new SandboxReply(String.join(" ", Arrays.copyOf(words, maxTokens)), maxTokens, Stop.MAX_TOKENS, null);
        }
        return new SandboxReply(text, words.length, stop, matched);
    }
}
