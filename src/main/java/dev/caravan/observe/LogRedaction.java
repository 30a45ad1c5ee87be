package dev.caravan.observe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The log's redaction, applied to one value: the {@code redact} expression and {@code redacted} replacement of
 * log4j2.properties (read from the same file, so there is one list of what a secret looks like). The console
 * appender runs them over whole lines; the request log runs them only over the values a caller chooses (the path, the
 * ids), because over a whole request-log line they cost about a tenth of Caravan's CPU under load (issue 10).
 */
public final class LogRedaction {

    private static final String CONFIGURATION = "/log4j2.properties";

    private final Pattern secrets;
    private final String replacement;

    private LogRedaction(Pattern secrets, String replacement) {
        this.secrets = secrets;
        this.replacement = replacement;
    }

    public static LogRedaction fromLogConfiguration() {
        Properties properties = new Properties();
        try (InputStream in = LogRedaction.class.getResourceAsStream(CONFIGURATION)) {
            if (in == null) {
                throw new IllegalStateException(CONFIGURATION + " is not on the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LogRedaction(Pattern.compile(required(properties, "property.redact")),
                required(properties, "property.redacted"));
    }

    public String apply(String value) {
        if (value == null || !mayHoldSecret(value)) {
            return value;
        }
        return secrets.matcher(value).replaceAll(replacement);
    }

    /**
     * False only for a value the redact expression cannot match: every alternative needs whitespace, a ':' or '='
     * after its name, {@code sk-}, or a run of 40 key characters. A path or an id has none of these as a rule, and a
     * regular expression run over each of them cost a tenth of the CPU of a batch retrieve (issue 10).
     * LogRedactionTest holds this to the expression: every sample it masks must get here.
     */
    static boolean mayHoldSecret(String value) {
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ':' || c == '=' || Character.isWhitespace(c)
                    || c == '-' && i >= 2 && value.charAt(i - 1) == 'k' && value.charAt(i - 2) == 's') {
                return true;
            }
            boolean keyCharacter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/'
                    || c == '+';
            run = keyCharacter ? run + 1 : 0;
            if (run >= 40) {
                return true;
            }
        }
        return false;
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(CONFIGURATION + " has no " + name);
        }
        return value;
    }
}
