package dev.caravan.sandbox.anthropic;

import java.util.Arrays;
import java.util.List;

/**
 * The sandbox model's answer: "Sandbox reply to: &lt;last user text&gt;", cut before the first stop sequence it
 * contains, then truncated to {@code max_tokens} words (one token per word). Deterministic, so results can be
 * asserted on and a batch always writes the same results.
 *
 * @param stopSequence the stop sequence that ended the reply, or null
 */
record Reply(String text, int tokens, StopReason stopReason, String stopSequence) {

    enum StopReason {
        END_TURN("end_turn"), MAX_TOKENS("max_tokens"), STOP_SEQUENCE("stop_sequence");

        private final String wireName;

        StopReason(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    static final String PREFIX = "Sandbox reply to: ";

    static Reply to(String lastUserText, long maxTokens, List<String> stopSequences) {
        String text = lastUserText == null || lastUserText.isBlank() ? "Sandbox reply." : PREFIX + lastUserText.strip();
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
        }
        String[] words = Words.split(text);
        if (words.length > maxTokens) {
            int kept = (int) maxTokens;
            return new Reply(String.join(" ", Arrays.copyOf(words, kept)), kept, StopReason.MAX_TOKENS, null);
        }
        return new Reply(text, words.length, matched == null ? StopReason.END_TURN : StopReason.STOP_SEQUENCE,
                matched);
    }
}
