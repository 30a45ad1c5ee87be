package dev.caravan.sandbox.openai;

import java.util.regex.Pattern;

/** The sandbox's token model: one token per whitespace-separated word. Simple, deterministic, easy to assert on. */
final class WordCounter {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private WordCounter() {
    }

    static String[] words(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.isEmpty() ? new String[0] : WHITESPACE.split(trimmed);
    }

    static int count(String text) {
        return words(text).length;
    }
}
