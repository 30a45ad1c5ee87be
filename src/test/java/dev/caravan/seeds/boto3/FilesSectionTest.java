package dev.caravan.seeds.boto3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The page's "Files API (S3-Compatible)" section (seeds 000, 002, 003), in the page's order: Upload a File, List
 * Files, Retrieve File Metadata, Delete a File, Download File Content, for each provider tab and each copy's values,
 * then the Anthropic limitation and the JSONL Format Reference lines.
 *
 * <p>The page's later snippets use placeholders for what the upload produced: {@code file_id = "abc123"  # ETag from
 * upload} and, for Bedrock, {@code s3_key = "<vendor>-batch-input/batch_input.jsonl"}. The tests pass the file id the
 * upload answered (and, for Bedrock, the key it was put at), as the page's reader must; for OpenAI and Gemini the
 * bucket and key stay the page's literal ones ("use any bucket name, file_id from upload"). Download comes after
 * Delete on the page, so it reads a file uploaded again for it.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.bedrock.phase-duration=300ms", "caravan.sandbox.openai.phase-duration=300ms",
                "caravan.sandbox.gemini.phase-duration=300ms", "caravan.sandbox.anthropic.phase-duration=300ms",
                "caravan.anthropic.s3-files=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesSectionTest {

    private static final String BUCKET = "your-s3-bucket";
    private static final String JSONL = "application/jsonl";

    @BeanInject
    CamelContext context;

    private ProviderClients clients;

    @BeforeEach
    void clients() {
        if (clients == null) {
            clients = new ProviderClients(context);
        }
    }

    @AfterAll
    void close() {
        if (clients != null) {
            clients.close();
        }
    }

    /** The Bedrock tab: the objects are real S3 objects, the ETag is S3's, and If-Match is a true precondition. */
    @Test
    void theBedrockFilesSectionInThePagesOrder() {
        PerCase.eachCopy(this::bedrockTab);
    }

    private void bedrockTab(DocumentCopy copy) {
        S3Client s3 = clients.s3("bedrock");
        Instant before = Instant.now().minusSeconds(2);

        // Upload a File: create_bedrock_batch_jsonl("anthropic.claude-3-sonnet-20240229-v1:0"), num_requests=2
        String jsonlContent = DocumentLines.bedrock(2, false);
        String s3Key = copy.uploadKey(Instant.now().getEpochSecond());
        String fileId = Expect.fileId(s3.putObject(put -> put.bucket(BUCKET).key(s3Key).contentType(JSONL),
                RequestBody.fromString(jsonlContent)).eTag());
        Expect.fileIdOf("bedrock", fileId, jsonlContent);
        // print(f"S3 URI: s3://{s3_bucket}/{s3_key}"): the object is at that URI
        String s3Uri = "s3://" + BUCKET + "/" + s3Key;
        assertEquals(fileId, Expect.fileId(s3.headObject(head -> head.bucket(bucketOf(s3Uri)).key(keyOf(s3Uri)))
                .eTag()));

        // List Files: Contents with Key, Size, LastModified
        ListObjectsV2Response listed = s3.listObjectsV2(list -> list.bucket(BUCKET).prefix(copy.inputPrefix()));
        assertTrue(listed.hasContents() && !listed.contents().isEmpty(), listed.toString());
        listed.contents().forEach(object -> assertTrue(object.key().startsWith(copy.inputPrefix()), object.key()));
        S3Object uploaded = entry(listed, s3Key);
        assertEquals(bytes(jsonlContent), uploaded.size());
        assertWithin(before, uploaded.lastModified());

        // Retrieve File Metadata: ContentLength, ContentType, ETag (File ID)
        HeadObjectResponse metadata = s3.headObject(head -> head.bucket(BUCKET).key(s3Key).ifMatch(fileId));
        assertEquals(bytes(jsonlContent), metadata.contentLength());
        assertEquals(JSONL, metadata.contentType());
        assertEquals("\"" + fileId + "\"", metadata.eTag());
        // the page's literal "abc123" is no ETag of the object: S3 answers the failed precondition
        S3Exception placeholder = assertThrows(S3Exception.class, () -> s3.headObject(head -> head.bucket(BUCKET)
                .key(s3Key).ifMatch("abc123")));
        assertEquals(412, placeholder.statusCode());

        // Delete a File: gone from head and from the list
        s3.deleteObject(delete -> delete.bucket(BUCKET).key(s3Key).ifMatch(fileId));
        assertNotFound(() -> s3.headObject(head -> head.bucket(BUCKET).key(s3Key)));
        assertFalse(keys(s3.listObjectsV2(list -> list.bucket(BUCKET).prefix(copy.inputPrefix()))).contains(s3Key));

        // Download File Content (Bedrock only): the page's own key, "<vendor>-batch-input/batch_input.jsonl"
        String downloadKey = copy.literalKey();
        String downloadId = Expect.fileId(s3.putObject(put -> put.bucket(BUCKET).key(downloadKey).contentType(JSONL),
                RequestBody.fromString(jsonlContent)).eTag());
        String content = s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(downloadKey).ifMatch(downloadId))
                .asString(StandardCharsets.UTF_8);
        assertEquals(jsonlContent, content);
    }

    /**
     * The OpenAI and Gemini tabs: the upload's bucket and key are routing identifiers, the ETag is the provider file's
     * id, and head, delete and get find the file by that id sent as IfMatch with the page's literal bucket and key.
     * Listing: "use any bucket name as an identifier - files are ... listed by file ID", so the keys listed are file
     * ids; the page's Prefix is a folder of Bedrock keys, which no file id starts with, so the listing names none.
     */
    @Test
    void theOpenAiFilesSectionInThePagesOrder() {
        PerCase.eachCopy(copy -> providerTab("openai", copy));
    }

    /** The Gemini tab, addressed as the OpenAI one. */
    @Test
    void theGeminiFilesSectionInThePagesOrder() {
        PerCase.eachCopy(copy -> providerTab("gemini", copy));
    }

    private void providerTab(String provider, DocumentCopy copy) {
        S3Client s3 = clients.s3(provider);
        Instant before = Instant.now().minusSeconds(2);

        // Upload a File: create_<provider>_batch_jsonl(...), num_requests=2, Bucket="<provider>-files"
        String jsonlContent = "openai".equals(provider) ? DocumentLines.openAi(DocumentLines.GPT, 2, false)
                : DocumentLines.gemini(2, false);
        String key = "batch_input_" + Instant.now().getEpochSecond() + ".jsonl";
        String fileId = Expect.fileId(s3.putObject(put -> put.bucket(provider + "-files").key(key).contentType(JSONL),
                RequestBody.fromString(jsonlContent)).eTag());
        Expect.fileIdOf(provider, fileId, jsonlContent);

        // List Files: any bucket; the file is listed by its id, with its size and time
        ListObjectsV2Response listed = s3.listObjectsV2(list -> list.bucket(BUCKET));
        S3Object uploaded = entry(listed, fileId);
        assertTrue(uploaded.size() > 0, uploaded.toString());
        assertWithin(before, uploaded.lastModified());

        // Retrieve File Metadata: the page's bucket and key, IfMatch=file_id
        HeadObjectResponse metadata = s3.headObject(head -> head.bucket(BUCKET).key(copy.literalKey()).ifMatch(fileId));
        assertEquals(uploaded.size(), metadata.contentLength());
        if ("openai".equals(provider)) {
            // OpenAI keeps the file as sent; Gemini's is converted to Gemini's line format at upload (DESIGN §4)
            assertEquals(bytes(jsonlContent), metadata.contentLength());
        }
        assertEquals(JSONL, metadata.contentType());
        assertEquals("\"" + fileId + "\"", metadata.eTag());
        // the page's literal "abc123" names no file, nor does the literal key: nothing to find
        assertNotFound(() -> s3.headObject(head -> head.bucket(BUCKET).key(copy.literalKey()).ifMatch("abc123")));

        // Delete a File: the page's bucket and key, IfMatch=file_id; the file is gone
        s3.deleteObject(delete -> delete.bucket(BUCKET).key(copy.literalKey()).ifMatch(fileId));
        assertNotFound(() -> s3.headObject(head -> head.bucket(BUCKET).key(copy.literalKey()).ifMatch(fileId)));
        assertFalse(keys(s3.listObjectsV2(list -> list.bucket(BUCKET))).contains(fileId));

        // Download File Content: the page says Bedrock only and points at the native SDKs; Caravan serves it anyway,
        // with the same addressing, the lines as uploaded
        String downloadId = Expect.fileId(s3.putObject(put -> put.bucket(provider + "-files").key(key)
                .contentType(JSONL), RequestBody.fromString(jsonlContent)).eTag());
        Expect.sameLines(jsonlContent, s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(copy.literalKey())
                .ifMatch(downloadId)).asString(StandardCharsets.UTF_8));
    }

    /**
     * "Anthropic Limitation: Anthropic does not support file upload via the S3-compatible API. For Anthropic batch
     * operations, use the Anthropic SDK with inline requests instead." With caravan.anthropic.s3-files off, every
     * file call of the section is answered so (501 NotImplemented; HEAD carries no body, so only its status).
     */
    @Test
    void anthropicFilesAreRefusedPointingAtInlineRequests() {
        S3Client s3 = clients.s3("anthropic");
        String key = DocumentCopy.BIFROST.literalKey();
        assertNotImplemented(() -> s3.putObject(put -> put.bucket(BUCKET).key(key).contentType(JSONL),
                RequestBody.fromString(DocumentLines.openAi("claude-sonnet-4-5", 2, false))), true);
        assertNotImplemented(() -> s3.listObjectsV2(list -> list.bucket(BUCKET)
                .prefix(DocumentCopy.BIFROST.inputPrefix())), true);
        assertNotImplemented(() -> s3.headObject(head -> head.bucket(BUCKET).key(key).ifMatch("abc123")), false);
        assertNotImplemented(() -> s3.deleteObject(delete -> delete.bucket(BUCKET).key(key).ifMatch("abc123")), true);
        assertNotImplemented(() -> s3.getObject(get -> get.bucket(BUCKET).key(key).ifMatch("abc123")), true);
    }

    /** JSONL Format Reference: each format's line is a batch file its provider's upload accepts and serves back. */
    @Test
    void theJsonlFormatReferenceLinesUploadForTheirProviders() {
        for (List<String> reference : List.of(List.of("bedrock", DocumentLines.BEDROCK_REFERENCE_LINE),
                List.of("openai", DocumentLines.OPENAI_REFERENCE_LINE),
                List.of("gemini", DocumentLines.GEMINI_REFERENCE_LINE))) {
            String provider = reference.get(0);
            String line = reference.get(1);
            S3Client s3 = clients.s3(provider);
            String bucket = "bedrock".equals(provider) ? BUCKET : provider + "-files";
            String key = "bedrock".equals(provider) ? DocumentCopy.BIFROST.inputPrefix() + "reference.jsonl"
                    : "reference.jsonl";
            String fileId = Expect.fileId(s3.putObject(put -> put.bucket(bucket).key(key).contentType(JSONL),
                    RequestBody.fromString(line)).eTag());
            Expect.fileIdOf(provider, fileId, line);
            Expect.sameLines(line, s3.getObjectAsBytes(get -> get.bucket(bucket).key(key).ifMatch(fileId))
                    .asString(StandardCharsets.UTF_8));
        }
    }

    private static S3Object entry(ListObjectsV2Response listed, String key) {
        return listed.contents().stream().filter(object -> object.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not listed: " + keys(listed)));
    }

    private static List<String> keys(ListObjectsV2Response listed) {
        return listed.contents().stream().map(S3Object::key).toList();
    }

    private static long bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8).length;
    }

    /** LastModified is the upload's time (S3 keeps whole seconds). */
    private static void assertWithin(Instant before, Instant lastModified) {
        assertNotNull(lastModified);
        assertTrue(!lastModified.isBefore(before) && lastModified.isBefore(Instant.now().plus(Duration.ofSeconds(2))),
                lastModified + " is not the upload's time");
    }

    private static void assertNotFound(Executable call) {
        S3Exception missing = assertThrows(S3Exception.class, call);
        assertEquals(404, missing.statusCode());
    }

    private static void assertNotImplemented(Executable call, boolean hasBody) {
        S3Exception refused = assertThrows(S3Exception.class, call);
        assertEquals(501, refused.statusCode());
        if (hasBody) {
            assertEquals("NotImplemented", refused.awsErrorDetails().errorCode());
            assertTrue(refused.getMessage().contains("inline requests"), refused.getMessage());
        }
    }

    private static String bucketOf(String s3Uri) {
        return s3Uri.substring("s3://".length(), s3Uri.indexOf('/', "s3://".length()));
    }

    private static String keyOf(String s3Uri) {
        return s3Uri.substring(s3Uri.indexOf('/', "s3://".length()) + 1);
    }
}
