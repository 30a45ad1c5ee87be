package dev.caravan.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;

/**
 * The keys the authentication tests boot Caravan with, and the check that no secret ever shows in a log line or an
 * answer. The secrets are deliberately not shaped like anything the log redaction masks (no "sk-", not 40
 * characters): if one appears, it is because something printed it, not because a pattern failed.
 */
final class AuthTestKeys {

    static final String OPENAI_KEY_ID = "openai-team";
    static final String OPENAI_SECRET = "caravan-openai-secret-7d1f";
    static final String S3_KEY_ID = "caravan-s3-team";
    static final String S3_SECRET = "caravan-s3-secret-4b9e";
    /** What callers present wrongly; an answer must not echo it either. */
    static final String WRONG_SECRET = "caravan-wrong-secret-91ac";
    static final String SETTING = "caravan.auth.keys=" + OPENAI_KEY_ID + ":" + OPENAI_SECRET + "," + S3_KEY_ID + ":"
            + S3_SECRET;

    /** Caravan's loggers at DEBUG, and the upstream HTTP client's header log (it shows Authorization headers). */
    static final Map<String, String> VERBOSE = Map.of("dev.caravan", "DEBUG",
            "org.apache.hc.client5.http.headers", "DEBUG",
            "org.apache.camel.component.platform.http", "DEBUG");

    private AuthTestKeys() {
    }

    /**
     * Neither Caravan's secrets, nor a wrong secret a caller tried, nor the sandbox's upstream keys appear in the log
     * or in any of the answers.
     */
    static void assertNoSecretIn(CamelContext context, LogCapture logs, List<String> answers) {
        List<String> secrets = new ArrayList<>(List.of(OPENAI_SECRET, S3_SECRET, WRONG_SECRET));
        Sandbox sandbox = context.getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
        sandbox.upstreamProperties().forEach((name, value) -> {
            if (name.endsWith("api-key") || name.endsWith("secret-key")) {
                secrets.add(value);
            }
        });
        String log = logs.text();
        assertTrue(log.contains("Caravan API keys: 2 configured"), "the capture saw Caravan boot");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a secret is in the log");
            for (String answer : answers) {
                assertFalse(answer.contains(secret), "a secret is in an answer: " + answer);
            }
        }
    }
}
