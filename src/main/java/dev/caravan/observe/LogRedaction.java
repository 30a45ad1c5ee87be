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
final class LogRedaction {

    private static final String CONFIGURATION = "/log4j2.properties";

    private final Pattern secrets;
    private final String replacement;

    private LogRedaction(Pattern secrets, String replacement) {
        this.secrets = secrets;
        this.replacement = replacement;
    }

    static LogRedaction fromLogConfiguration() {
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

    String apply(String value) {
        return value == null ? null : secrets.matcher(value).replaceAll(replacement);
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(CONFIGURATION + " has no " + name);
        }
        return value;
    }
}
