package dev.caravan.sandbox.anthropic;

import java.util.regex.Pattern;

/** The sandbox's token model: one token per whitespace-separated word. Simple, deterministic, easy to assert on. */
final class Words {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Words() {
    }

    static String[] split(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.isEmpty() ? new String[0] : WHITESPACE.split(trimmed);
    }

    static int count(String text) {
        return split(text).length;
    }
}
