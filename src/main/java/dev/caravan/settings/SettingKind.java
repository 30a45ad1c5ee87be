package dev.caravan.settings;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The shapes Caravan's numeric, boolean and URL settings take, told apart by how their names end (the naming
 * application.properties follows throughout). A setting no kind claims is free text, checked where it is used.
 */
public enum SettingKind {

    /** Milliseconds, bytes, counts, attempts: a whole number, zero or more. */
    WHOLE_NUMBER("a whole number (0 or more)", List.of("timeout", "-delay", "retry-after-max", "max-attempts",
            "minimum-calls", "sliding-window", "wait-in-open", "half-open-calls", "-bytes", "max-requests",
            "min-records", "max-records", "max-records-per-file", "cache-ttl", ".port", "-threads")) {
        @Override
        boolean accepts(String value) {
            if (value.isEmpty() || value.length() > 18) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                if (!Character.isDigit(value.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    },
    /** A percentage of failed calls. */
    PERCENT("a whole number from 1 to 100", List.of("failure-rate-threshold")) {
        @Override
        boolean accepts(String value) {
            return WHOLE_NUMBER.accepts(value) && Long.parseLong(value) >= 1 && Long.parseLong(value) <= 100;
        }
    },
    BOOLEAN("true or false", List.of(".enabled", "s3-files", "path-style", "keep-copy", "create-buckets",
            "stream-uploads")) {
        @Override
        boolean accepts(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            return lower.equals("true") || lower.equals("false");
        }
    },
    /** An upstream's address; empty where the setting allows a default (AWS's regional endpoint, the embedded store). */
    URL("empty or an absolute http(s) URL such as https://host:port", List.of("base-url", ".endpoint")) {
        @Override
        boolean accepts(String value) {
            if (value.isEmpty()) {
                return true;
            }
            try {
                URI uri = new URI(value);
                return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
            } catch (Exception e) {
                return false;
            }
        }
    };

    private final String expected;
    private final List<String> suffixes;

    SettingKind(String expected, List<String> suffixes) {
        this.expected = expected;
        this.suffixes = suffixes;
    }

    abstract boolean accepts(String value);

    public String expected() {
        return expected;
    }

    /** The kind of a caravan.* setting, or null when it is free text. PERCENT before WHOLE_NUMBER: the more specific. */
    public static SettingKind of(String name) {
        for (SettingKind kind : List.of(PERCENT, WHOLE_NUMBER, BOOLEAN, URL)) {
            for (String suffix : kind.suffixes) {
                if (name.endsWith(suffix)) {
                    return kind;
                }
            }
        }
        return null;
    }
}
