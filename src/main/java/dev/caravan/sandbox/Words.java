package dev.caravan.sandbox;

import java.util.regex.Pattern;

/** The sandbox's token model: one token per whitespace-separated word. Simple, deterministic, easy to assert on. */
public final class Words {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Words() {
    }

    public static String[] split(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.isEmpty() ? new String[0] : WHITESPACE.split(trimmed);
    }

    public static int count(String text) {
        return split(text).length;
    }
}
