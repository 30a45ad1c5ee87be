package dev.caravan.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.observe.LogRedaction;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production layout's redaction (log4j2.properties): secrets in every shape a library might log them in are
 * printed as ***, once, while the rest of the line stays readable.
 */
class LogRedactionTest {

    private static final Logger LOG = LoggerFactory.getLogger("dev.caravan.auth.LogRedactionTest");
    private static final LogRedaction REQUEST_LOG_REDACTION = LogRedaction.fromLogConfiguration();
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String SIGNATURE = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

    @Test
    void authorizationHeadersInAnyNotation() {
        String sigV4 = "AWS4-HMAC-SHA256 Credential=team-a/20260301/us-west-2/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE;
        assertMasked("Authorization: Bearer sk-proj-AbCdEf0123456789xyz", "sk-proj-AbCdEf0123456789xyz", "Bearer");
        assertMasked("headers {Host=localhost:8080, Authorization=" + sigV4 + ", Accept=*/*}", SIGNATURE, "20260301",
                "SignedHeaders", "team-a/");
        assertMasked("{\"authorization\":\"Bearer caravan-openai-secret\"}", "caravan-openai-secret");
        assertMasked("http-outgoing-1 >> \"Authorization: " + sigV4 + "[\\r][\\n]\"", SIGNATURE);
        assertMasked("calling with bearer   opaque.token-value_1", "opaque.token-value_1");
    }

    @Test
    void keysSignaturesAndSecretsOnTheirOwn() {
        assertMasked("upstream said: Incorrect API key provided: sk-abcdef1234567890", "sk-abcdef1234567890");
        assertMasked("GET /bkt/k?X-Amz-Credential=a%2Fb&X-Amz-Signature=" + SIGNATURE + "&x=1", SIGNATURE);
        assertMasked("10000;chunk-signature=" + SIGNATURE, SIGNATURE);
        assertMasked("x-amz-trailer-signature:" + SIGNATURE, SIGNATURE);
        assertMasked("credentials " + AWS_SECRET + " loaded", AWS_SECRET);
        assertMasked("caravan.bedrock.s3.secret-key = caravan-s3-store-secret", "caravan-s3-store-secret");
        assertMasked("AWS_SECRET_ACCESS_KEY=my-store-secret", "my-store-secret");
        assertMasked("caravan.openai.api-key=upstream-key-123", "upstream-key-123");
        assertMasked("x-api-key: anthropic-key-456", "anthropic-key-456");
        assertMasked("x-amz-security-token: FwoGZXIvYXdzEBYaDH", "FwoGZXIvYXdzEBYaDH");
        assertMasked("caravan.auth.keys = team-a:first-secret,team-b:second-secret", "first-secret", "second-secret",
                "team-b");
        assertMasked("CARAVAN_AUTH_KEYS=team-a:first-secret", "first-secret");
    }

    @Test
    void anExceptionIsRedactedAndWrittenOnce() {
        try (LogCapture capture = LogCapture.start(Map.of())) {
            LOG.warn("upload failed", new IllegalStateException("Authorization: Bearer sk-leakedInException99"));
            String line = capture.text();
            assertFalse(line.contains("sk-leakedInException99"), line);
            assertTrue(line.contains("java.lang.IllegalStateException: Authorization: ***"), line);
            assertTrue(line.contains("at dev.caravan.auth.LogRedactionTest"), "the stack trace is kept: " + line);
            assertEquals(1, line.split("IllegalStateException", -1).length - 1, line);
        }
    }

    @Test
    void ordinaryLinesAreLeftAlone() {
        String[] ordinary = {
            "s3-files: 404 NoSuchKey The specified key does not exist.",
            "Batch batch_68f0c2e1a2b48190 created for /v1/chat/completions (file-AbC123xyz 2048 bytes)",
            "Vert.x HttpServer started on 127.0.0.1:41235",
            "ETag \"d41d8cd98f00b204e9800998ecf8427e\" for in/batch.jsonl, "
                + "sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "Started s3-files (platform-http:///bedrock/files/*)"};
        for (String line : ordinary) {
            try (LogCapture capture = LogCapture.start(Map.of())) {
                LOG.info(line);
                assertTrue(capture.text().contains(" - " + line), capture.text());
            }
        }
    }

    private static void assertMasked(String message, String... hidden) {
        try (LogCapture capture = LogCapture.start(new LinkedHashMap<>())) {
            LOG.info(message);
            String line = capture.text();
            assertTrue(line.contains("***"), line);
            for (String secret : hidden) {
                assertFalse(line.contains(secret), "'" + secret + "' is in: " + line);
            }
            // the request log redacts single values with the same expression, behind a cheap pre-check that must
            // let every one of these through to it
            assertTrue(line.stripTrailing().endsWith(" - " + REQUEST_LOG_REDACTION.apply(message)),
                    "the request log would write " + REQUEST_LOG_REDACTION.apply(message) + ", the log: " + line);
        }
    }
}
