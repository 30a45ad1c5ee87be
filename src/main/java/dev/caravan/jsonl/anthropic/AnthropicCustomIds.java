package dev.caravan.jsonl.anthropic;

/** Anthropic's rule for a batch request's {@code custom_id} (provider-apis.md §3.2): {@code ^[a-zA-Z0-9_-]{1,64}$}. */
public final class AnthropicCustomIds {

    public static final int MAX_LENGTH = 64;

    private AnthropicCustomIds() {
    }

    /** Checked by hand, not by regex: this runs once per line of files of a million lines. */
    public static boolean valid(String id) {
        boolean valid = !id.isEmpty() && id.length() <= MAX_LENGTH;
        for (int i = 0; valid && i < id.length(); i++) {
            char c = id.charAt(i);
            valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }
        return valid;
    }

    /** Why {@code id} is refused, quoting it (long ones cut short). */
    public static String problem(String id) {
        return "custom_id \"" + (id.length() <= 80 ? id : id.substring(0, 77) + "...") + "\" is not a valid Anthropic "
                + "custom_id: 1 to " + MAX_LENGTH + " characters of letters, digits, _ and -";
    }
}
