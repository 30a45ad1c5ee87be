package dev.caravan.surface.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.batches.BatchCancelParams;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.files.FileRetrieveParams;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI surface's own rules, as a user of the OpenAI SDK sees them: provider selection, multipart in any order,
 * and bad input or upstream failures answered in OpenAI's envelope with the right status.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=300ms"})
class OpenAiSurfaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD_LINE = "{\"custom_id\":\"%s\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}}";

    @BeanInject
    CamelContext context;

    private Sandbox sandbox() {
        return context.getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
    }

    private OpenAIClient client() {
        return CaravanClients.openAi(context, "/openai");
    }

    @Test
    void unknown_provider_is_400_naming_the_valid_ones() {
        BadRequestException error = assertThrows(BadRequestException.class, () -> client().files().list(
                FileListParams.builder().putAdditionalQueryParam("provider", "azure").build()));
        assertEquals("provider", error.param().orElseThrow());
        assertTrue(error.getMessage().contains("openai, anthropic, gemini, bedrock"), error.getMessage());

        BadRequestException onCreate = assertThrows(BadRequestException.class, () -> client().batches().create(
                batchParams("file-x").putAdditionalBodyProperty("provider", JsonValue.from("azure")).build()));
        assertTrue(onCreate.getMessage().contains("Unknown provider 'azure'"), onCreate.getMessage());
    }

    @Test
    void provider_named_in_extra_fields_routes_every_call() throws IOException {
        FileObject file = client().files().create(FileCreateParams.builder()
                .file(jsonl("p-1", "p-2")).purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from("openai"))
                .putAdditionalBodyProperty("storage_config[s3][bucket]", JsonValue.from("ignored-for-openai"))
                .build());
        assertEquals("batch", file.purpose().toString());
        assertTrue(client().files().list(FileListParams.builder().putAdditionalQueryParam("provider", "openai").build())
                .data().stream().anyMatch(f -> f.id().equals(file.id())));
        assertEquals(file.id(), client().files().retrieve(FileRetrieveParams.builder().fileId(file.id())
                .putAdditionalQueryParam("provider", "openai").build()).id());

        var batch = client().batches().create(batchParams(file.id())
                .putAdditionalBodyProperty("provider", JsonValue.from("openai")).build());
        assertTrue(client().batches().list(BatchListParams.builder().putAdditionalQueryParam("provider", "openai")
                .build()).data().stream().anyMatch(b -> b.id().equals(batch.id())));
        var cancelled = client().batches().cancel(BatchCancelParams.builder().batchId(batch.id())
                .putAdditionalBodyProperty("provider", JsonValue.from("openai")).build());
        assertEquals(batch.id(), cancelled.id());
    }

    @Test
    void provider_that_contradicts_the_id_is_400() {
        BadRequestException error = assertThrows(BadRequestException.class, () -> client().files().retrieve(
                FileRetrieveParams.builder().fileId("file-abc123").putAdditionalQueryParam("provider", "gemini")
                        .build()));
        assertTrue(error.getMessage().contains("belongs to provider 'openai'"), error.getMessage());
    }

    @Test
    void multipart_parts_may_come_in_any_order() throws Exception {
        String filePart = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"node.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + GOOD_LINE.formatted("n-1") + "\r\n";
        String fields = "--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"provider\"\r\n\r\nopenai\r\n";
        JsonNode fileFirst = rawMultipart(filePart + fields + "--b--\r\n", 200);
        JsonNode fileLast = rawMultipart(fields + filePart + "--b--\r\n", 200);
        assertEquals("node.jsonl", fileFirst.path("filename").asText());
        assertEquals(fileFirst.path("bytes").asLong(), fileLast.path("bytes").asLong());
        assertEquals("batch", fileLast.path("purpose").asText());
    }

    @Test
    void files_list_honours_purpose_and_order() throws IOException {
        FileObject first = client().files().create(FileCreateParams.builder().file(jsonl("o-1"))
                .purpose(FilePurpose.BATCH).build());
        FileObject second = client().files().create(FileCreateParams.builder().file(jsonl("o-2"))
                .purpose(FilePurpose.USER_DATA).build());
        var ascending = client().files().list(FileListParams.builder().order(FileListParams.Order.ASC).build())
                .data().stream().map(FileObject::id).toList();
        assertTrue(ascending.indexOf(first.id()) < ascending.indexOf(second.id()), ascending.toString());
        var batchOnly = client().files().list(FileListParams.builder().purpose("batch").build()).data();
        assertTrue(batchOnly.stream().anyMatch(f -> f.id().equals(first.id())));
        assertTrue(batchOnly.stream().noneMatch(f -> f.id().equals(second.id())), "user_data filtered out");
    }

    @Test
    void missing_file_or_purpose_is_400_naming_the_parameter() throws Exception {
        JsonNode noFile = rawMultipart("--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--b--\r\n",
                400);
        assertEquals("file", noFile.path("error").path("param").asText());
        assertEquals("invalid_request_error", noFile.path("error").path("type").asText());

        JsonNode noPurpose = rawMultipart("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + GOOD_LINE.formatted("x") + "\r\n--b--\r\n", 400);
        assertEquals("purpose", noPurpose.path("error").path("param").asText());
    }

    @Test
    void malformed_jsonl_is_400_naming_the_line_and_nothing_is_stored() throws IOException {
        long before = fileCount();
        Path file = temporaryJsonl(GOOD_LINE.formatted("a") + "\n{\"custom_id\": \"b\", \"body\": {oops}\n");
        BadRequestException error = assertThrows(BadRequestException.class, () -> client().files().create(
                FileCreateParams.builder().purpose(FilePurpose.BATCH).file(file).build()));
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
        assertEquals("file", error.param().orElseThrow());
        assertEquals(before, fileCount(), "a rejected upload must leave nothing upstream");
    }

    @Test
    void duplicate_custom_id_is_400_naming_both_lines() throws IOException {
        Path file = jsonl("a", "b", "a");
        BadRequestException error = assertThrows(BadRequestException.class, () -> client().files().create(
                FileCreateParams.builder().purpose(FilePurpose.BATCH).file(file).build()));
        assertTrue(error.getMessage().contains("line 3: custom_id \"a\" is not unique (first on line 1)"),
                error.getMessage());
    }

    @Test
    void unknown_ids_are_404() {
        assertThrows(NotFoundException.class, () -> client().files().retrieve("file-doesnotexist"));
        assertThrows(NotFoundException.class, () -> client().files().delete("file-doesnotexist"));
        assertThrows(NotFoundException.class, () -> client().batches().retrieve("batch_doesnotexist"));
        assertThrows(NotFoundException.class, () -> client().batches().cancel("batch_doesnotexist"));
    }

    @Test
    void upstream_429_and_5xx_pass_through_with_their_message() {
        // Caravan retries these reads: the upstream's answer reaches the caller once every attempt got it.
        int attempts = Integer.parseInt(context.resolvePropertyPlaceholders("{{caravan.openai.retry.max-attempts}}"));
        sandbox().openAi().injectFaults(429, "Rate limit reached for requests in the sandbox", attempts);
        RateLimitException limited = assertThrows(RateLimitException.class, () -> client().files().list());
        assertTrue(limited.getMessage().contains("Rate limit reached for requests in the sandbox"),
                limited.getMessage());

        sandbox().openAi().injectFaults(503, "The engine is currently overloaded", attempts);
        InternalServerException overloaded = assertThrows(InternalServerException.class,
                () -> client().batches().list());
        assertEquals(503, overloaded.statusCode());
        assertTrue(overloaded.getMessage().contains("The engine is currently overloaded"), overloaded.getMessage());
    }

    @Test
    void unknown_url_is_an_openai_404_and_no_request_header_is_echoed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(CaravanClients.baseUrl(context) + "/openai/v1/nothing-here"))
                .header("Authorization", "Bearer sk-caller-secret").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertEquals("invalid_request_error", JSON.readTree(response.body()).path("error").path("type").asText());

        HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(CaravanClients.baseUrl(context) + "/openai/files?limit=1"))
                .header("Authorization", "Bearer sk-caller-secret").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, listed.statusCode());
        assertFalse(listed.headers().map().toString().contains("sk-caller-secret"), listed.headers().toString());
        assertFalse(listed.body().contains("sk-"), "no key may reach a response");
    }

    private long fileCount() {
        return client().files().list().data().size();
    }

    private static BatchCreateParams.Builder batchParams(String fileId) {
        return BatchCreateParams.builder().inputFileId(fileId)
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H);
    }

    private static Path jsonl(String... ids) throws IOException {
        StringBuilder content = new StringBuilder();
        for (String id : ids) {
            content.append(GOOD_LINE.formatted(id)).append('\n');
        }
        return temporaryJsonl(content.toString());
    }

    private static Path temporaryJsonl(String content) throws IOException {
        Path file = Files.createTempFile("batch_input", ".jsonl");
        file.toFile().deleteOnExit();
        return Files.writeString(file, content);
    }

    private JsonNode rawMultipart(String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(CaravanClients.baseUrl(context) + "/openai/files"))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }
}
