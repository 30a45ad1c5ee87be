package dev.caravan.seeds.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.NotFoundException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileDeleteParams;
import com.openai.models.files.FileDeleted;
import com.openai.models.files.FileListPage;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.files.FileRetrieveParams;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The "Files API" section of the OpenAI-SDK documents (seeds 001 and 004), once per provider the section names:
 * upload, list, retrieve metadata, download content, delete, with the documents' filenames, contents, extra_body and
 * extra_query. The section's snippets each start from {@code file_id = "file-abc123"}, a placeholder no provider
 * issues: each test uses the id its own upload returned. The snippets show delete before download, each on its own
 * placeholder; on one real file the download comes first, then the delete.
 *
 * <p>What the reader checks: the ids, the listed names, the four printed metadata fields ({@code bytes} being the
 * size of the file the download then prints), the downloaded text being the file they uploaded, and
 * {@code Deleted: True}. Comparisons that can differ are made last, so that one difference does not hide the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one Caravan for the whole class
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=300ms", "caravan.sandbox.bedrock.phase-duration=300ms",
                "caravan.sandbox.anthropic.phase-duration=300ms", "caravan.sandbox.gemini.phase-duration=300ms"})
class FilesSectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILENAME = "batch_input.jsonl";
    private static final String BUCKET = "your-s3-bucket";
    private static final String REGION = "us-west-2";
    /** The Bedrock storage_config prefix of seed 004 (upload and list). */
    private static final String PREFIX_004 = "bifrost-batch-output";
    /** The Bedrock list's prefix in seed 001, the other vendor's copy. */
    private static final String PREFIX_001 = "deepintshield-batch-output";

    @BeanInject
    CamelContext context;

    /** "Upload a File" for OpenAI (both copies), then the other calls with {@code "provider": "openai"}. */
    @Test
    void openai_files_are_uploaded_listed_retrieved_downloaded_and_deleted() {
        OpenAIClient client = DocumentClient.create(context, "your-openai-api-key");

        FileObject response = upload(client, "openai", DocumentJsonl.FILES_OPENAI);
        // OpenAI's own ids pass through unchanged (DESIGN §3)
        assertTrue(response.id().startsWith("file-") && !response.id().startsWith("file-openai-"), response.id());
        assertListed(listed(client, "openai"), response.id());
        FileObject metadata = retrieve(client, response.id(), "openai");
        String content = FileLines.text(client, response.id(), "openai");
        assertDeleted(client, response.id(), "openai");
        assertFalse(ids(listed(client, "openai")).contains(response.id()), "gone from the list");

        assertEquals(DocumentJsonl.FILES_OPENAI, content, "OpenAI keeps the file as uploaded");
        assertMetadata(metadata, response.id(), content, true);
    }

    /**
     * Seed 004's Bedrock upload, storage_config prefix {@value #PREFIX_004}; seed 001 lists Bedrock files under
     * {@value #PREFIX_001} instead, so the same upload is made under that prefix too and each list shows its own.
     * Retrieve, delete and download are the section's default example, {@code extra_query={"provider": "bedrock"}}.
     */
    @Test
    void bedrock_files_live_in_s3_under_the_storage_config_prefix() {
        OpenAIClient client = DocumentClient.create(context, "your-api-key");

        FileObject response = uploadToBedrock(client, PREFIX_004);
        FileObject other = uploadToBedrock(client, PREFIX_001);
        assertTrue(response.id().startsWith("file-bedrock-"), response.id());
        assertEquals(FILENAME, response.filename());
        FileListPage listed004 = listedBedrock(client, PREFIX_004);
        assertEquals(List.of(response.id()), ids(listed004), "the 004 prefix holds its upload only");
        assertListed(listed004, response.id());
        assertEquals(List.of(other.id()), ids(listedBedrock(client, PREFIX_001)), "the 001 prefix holds its own");
        FileObject metadata = retrieve(client, response.id(), "bedrock");
        String content = FileLines.text(client, response.id(), "bedrock");
        assertDeleted(client, response.id(), "bedrock");
        assertDeleted(client, other.id(), "bedrock");
        assertTrue(listedBedrock(client, PREFIX_004).data().isEmpty(), "gone from the list");
        assertTrue(listedBedrock(client, PREFIX_001).data().isEmpty(), "gone from the list");

        // Stored in S3 as Bedrock records, downloaded in the format it was uploaded in, equal line by line as JSON
        // (DESIGN §4): what the reader uploaded is what the print shows.
        assertEquals(FileLines.parse(DocumentJsonl.FILES_BEDROCK), FileLines.parse(content));
        assertMetadata(metadata, response.id(), content, false);
    }

    /** Seed 004's Gemini upload ("uses Gemini's native file storage"), then the calls with "provider": "gemini". */
    @Test
    void gemini_files_use_geminis_file_storage() {
        OpenAIClient client = DocumentClient.create(context, "your-api-key");

        FileObject response = upload(client, "gemini", DocumentJsonl.FILES_GEMINI);
        assertTrue(response.id().startsWith("file-gemini-"), response.id());
        assertListed(listed(client, "gemini"), response.id());
        FileObject metadata = retrieve(client, response.id(), "gemini");
        String content = FileLines.text(client, response.id(), "gemini");
        assertDeleted(client, response.id(), "gemini");
        assertFalse(ids(listed(client, "gemini")).contains(response.id()), "gone from the list");

        // Gemini does not serve file bytes; Caravan keeps a copy as uploaded for files.content (README)
        assertEquals(DocumentJsonl.FILES_GEMINI, content, "the download is the file as uploaded");
        assertMetadata(metadata, response.id(), content, false);
    }

    /**
     * The documents: "Anthropic uses inline requests (no file upload)", "❌ Not supported". Caravan does more than
     * that: Anthropic has no file storage, so an upload for provider anthropic is kept in Caravan's own store (README,
     * "Files work too") and served like any file. The file holds the documents' Anthropic inline requests (Batch API
     * section, seed 004) as {custom_id, params} lines.
     */
    @Test
    void anthropic_files_are_kept_in_caravans_store_although_the_documents_say_unsupported() {
        OpenAIClient client = DocumentClient.create(context, "your-anthropic-api-key");
        String requests = anthropicLine("request-1", "Hello!") + "\n" + anthropicLine("request-2", "How are you?");

        FileObject response = upload(client, "anthropic", requests);
        assertTrue(response.id().startsWith("file-anthropic-"), response.id());
        assertListed(listed(client, "anthropic"), response.id());
        FileObject metadata = retrieve(client, response.id(), "anthropic");
        String content = FileLines.text(client, response.id(), "anthropic");
        assertDeleted(client, response.id(), "anthropic");
        assertFalse(ids(listed(client, "anthropic")).contains(response.id()), "gone from the list");

        assertEquals(requests, content, "kept as uploaded");
        assertMetadata(metadata, response.id(), content, true);
    }

    /**
     * The Bedrock upload exactly as openai-python puts it on the wire (client-wire.md §3), which openai-java cannot
     * reproduce: purpose first, then the extra_body fields with the nested dict flattened to bracketed names, and the
     * file part last (openai-java sends the file first). The rest of the section goes on with the official client.
     */
    @Test
    void bedrock_upload_in_the_python_sdks_part_order() throws Exception {
        OpenAIClient client = DocumentClient.create(context, "your-api-key");
        String prefix = "python-part-order";
        String boundary = "a7f1c3a4a0b64c4e9a3e0e1ddc1d5e2b";
        StringBuilder form = new StringBuilder();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("purpose", "batch");
        fields.put("provider", "bedrock");
        fields.put("storage_config[s3][bucket]", BUCKET);
        fields.put("storage_config[s3][region]", REGION);
        fields.put("storage_config[s3][prefix]", prefix);
        fields.forEach((name, value) -> form.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        form.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(FILENAME).append("\"\r\n")
                .append("Content-Type: application/jsonl\r\n\r\n")
                .append(DocumentJsonl.FILES_BEDROCK).append("\r\n--").append(boundary).append("--\r\n");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(CaravanClients.baseUrl(context) + "/openai/files"))
                .header("Authorization", "Bearer your-api-key")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, answer.statusCode(), answer.body());
        String fileId = JSON.readTree(answer.body()).get("id").asText();
        assertTrue(fileId.startsWith("file-bedrock-"), fileId);
        assertEquals(List.of(fileId), ids(listedBedrock(client, prefix)), "stored under the prefix sent");
        assertEquals(FILENAME, retrieve(client, fileId, "bedrock").filename());
        assertDeleted(client, fileId, "bedrock");
    }

    // ---- the section's calls -------------------------------------------------------------------------------------

    /** {@code file=("batch_input.jsonl", jsonl_content.encode(), "application/jsonl"), purpose="batch"}. */
    private static FileObject upload(OpenAIClient client, String provider, String jsonlContent) {
        return client.files().create(FileCreateParams.builder()
                .file(DocumentJsonl.file(FILENAME, jsonlContent))
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from(provider))
                .build());
    }

    private static FileObject uploadToBedrock(OpenAIClient client, String prefix) {
        return client.files().create(FileCreateParams.builder()
                .file(DocumentJsonl.file(FILENAME, DocumentJsonl.FILES_BEDROCK))
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from("bedrock"))
                // sent as the Python SDK sends the nested dict: form fields storage_config[s3][bucket] etc.
                .putAdditionalBodyProperty("storage_config", JsonValue.from(Map.of("s3", Map.of(
                        "bucket", BUCKET, "region", REGION, "prefix", prefix))))
                .build());
    }

    /** {@code client.files.list(extra_query={"provider": provider})}. */
    private static FileListPage listed(OpenAIClient client, String provider) {
        return client.files().list(FileListParams.builder().putAdditionalQueryParam("provider", provider).build());
    }

    /** The Bedrock list: extra_query's nested storage_config as the Python SDK sends it, bracketed query keys. */
    private static FileListPage listedBedrock(OpenAIClient client, String prefix) {
        return client.files().list(FileListParams.builder()
                .putAdditionalQueryParam("provider", "bedrock")
                .putAdditionalQueryParam("storage_config[s3][bucket]", BUCKET)
                .putAdditionalQueryParam("storage_config[s3][region]", REGION)
                .putAdditionalQueryParam("storage_config[s3][prefix]", prefix)
                .build());
    }

    private static FileObject retrieve(OpenAIClient client, String fileId, String provider) {
        return client.files().retrieve(FileRetrieveParams.builder().fileId(fileId)
                .putAdditionalQueryParam("provider", provider).build());
    }

    /** {@code for file in response.data: print(f"File ID: {file.id}, Name: {file.filename}")}. */
    private static void assertListed(FileListPage page, String fileId) {
        List<FileObject> matching = page.data().stream().filter(f -> f.id().equals(fileId)).toList();
        assertEquals(1, matching.size(), () -> fileId + " listed once in " + ids(page));
        assertEquals(FILENAME, matching.get(0).filename());
    }

    /**
     * "Retrieve File Metadata": the four printed fields. {@code bytes} is the size of the file as the provider keeps
     * it: the upload itself for OpenAI and Caravan's store, the converted lines for Bedrock and Gemini ("Bifrost
     * converts to Bedrock/Gemini format internally", the documents say), while files.content gives the file back as
     * it was uploaded (README, "Batch files in any provider's format").
     */
    private static void assertMetadata(FileObject metadata, String fileId, String downloaded, boolean keptAsUploaded) {
        assertEquals(fileId, metadata.id());
        assertEquals(FILENAME, metadata.filename());
        assertEquals(FileObject.Purpose.BATCH, metadata.purpose());
        if (keptAsUploaded) {
            assertEquals(downloaded.getBytes(StandardCharsets.UTF_8).length, metadata.bytes(),
                    "Bytes: is the size of the file files.content returns");
        } else {
            assertTrue(metadata.bytes() > 0, "Bytes: the size of the converted file");
        }
    }

    /** "Delete a File": {@code print(f"Deleted: {response.deleted}")} shows True, and the file is gone. */
    private static void assertDeleted(OpenAIClient client, String fileId, String provider) {
        FileDeleted response = client.files().delete(FileDeleteParams.builder().fileId(fileId)
                .putAdditionalQueryParam("provider", provider)
                // as openai-python sends it (client-wire.md §3): a JSON content type on a request with no body
                .putAdditionalHeader("Content-Type", "application/json")
                .build());
        assertTrue(response.deleted());
        assertEquals(fileId, response.id());
        assertThrows(NotFoundException.class, () -> retrieve(client, fileId, provider));
    }

    private static List<String> ids(FileListPage page) {
        return page.data().stream().map(FileObject::id).toList();
    }

    private static String anthropicLine(String customId, String content) {
        return "{\"custom_id\": \"" + customId + "\", \"params\": {\"model\": \"claude-3-sonnet-20240229\", "
                + "\"max_tokens\": 100, \"messages\": [{\"role\": \"user\", \"content\": \"" + content + "\"}]}}";
    }
}
