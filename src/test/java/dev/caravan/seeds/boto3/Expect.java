package dev.caravan.seeds.boto3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;

/**
 * What the page's reader can tell from the values it prints: which provider a file id or a job ARN belongs to, and
 * that a status is one of Bedrock's.
 */
final class Expect {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Expect() {
    }

    /** {@code response.get("ETag", "").strip('"')}. */
    static String fileId(String eTag) {
        return eTag == null ? "" : eTag.replaceAll("^\"+|\"+$", "");
    }

    /**
     * The file id PutObject answers: for bedrock the S3 object's own ETag (the MD5 of a single-part body, as S3 has
     * it); for the others the Caravan file id of the provider's file (OpenAI's own {@code file-…}, the others wrapped
     * {@code file-<provider>-…}, DESIGN §3).
     */
    static void fileIdOf(String provider, String fileId, String content) {
        switch (provider) {
            case "bedrock" -> assertEquals(md5(content), fileId, "an S3 ETag for bedrock");
            case "openai" -> assertTrue(fileId.startsWith("file-")
                    && !fileId.matches("file-(gemini|anthropic|bedrock)-.*"), fileId);
            default -> assertTrue(fileId.startsWith("file-" + provider + "-"), fileId);
        }
    }

    /**
     * A job ARN of the provider: Bedrock's own (12-character job id) or Caravan's one form for the others. The region
     * and account are the server's (caravan.bedrock.region, the account Bedrock answers), not the client's
     * us-west-2: the jobs run where Caravan's Bedrock is.
     */
    static void jobArnOf(String provider, String jobArn) {
        String suffix = "bedrock".equals(provider) ? "[a-z0-9]{12}" : provider + "-[A-Za-z0-9_-]+";
        assertTrue(jobArn.matches("arn:aws:bedrock:[a-z0-9-]+:[0-9]{12}:model-invocation-job/" + suffix),
                provider + ": " + jobArn);
    }

    static boolean isJobArnOf(String provider, String jobArn) {
        String job = jobArn.substring(jobArn.lastIndexOf('/') + 1);
        return "bedrock".equals(provider) ? job.matches("[a-z0-9]{12}") : job.startsWith(provider + "-");
    }

    /** A status the page's reader can compare with its strings: one of Bedrock's enum, never another API's. */
    static void bedrockStatus(String status) {
        assertNotEquals(ModelInvocationJobStatus.UNKNOWN_TO_SDK_VERSION, ModelInvocationJobStatus.fromValue(status),
                status);
    }

    static void bedrockStatuses(List<String> statuses) {
        statuses.forEach(Expect::bedrockStatus);
    }

    /** Equal line by line as JSON (a file may come back re-serialized, not byte for byte). */
    static void sameLines(String expected, String actual) {
        assertEquals(json(expected), json(actual), actual);
    }

    private static List<JsonNode> json(String jsonl) {
        return jsonl.lines().filter(line -> !line.isBlank()).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    static String md5(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
