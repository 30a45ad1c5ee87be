package dev.caravan.auth;

import static dev.caravan.auth.AuthTestKeys.OPENAI_SECRET;
import static dev.caravan.auth.AuthTestKeys.S3_SECRET;
import static dev.caravan.auth.AuthTestKeys.WRONG_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.UnauthorizedException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Caravan API keys on the OpenAI surface, as the official OpenAI Java SDK meets them: no key and a wrong key are
 * OpenAI's 401, a configured secret works on both base URLs, /health stays open, and no secret is ever logged or
 * echoed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                AuthTestKeys.SETTING})
class OpenAiKeyAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** From before Caravan boots, so the boot log is captured too. */
    private static final LogCapture LOGS = LogCapture.start(AuthTestKeys.VERBOSE);
    private static final String LINE = "{\"custom_id\":\"a-1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}\n";

    @BeanInject
    CamelContext context;

    private final List<String> answers = new ArrayList<>();

    @AfterAll
    void stopCapturing() {
        LOGS.close();
    }

    @Test
    void aConfiguredSecretWorksOnBothBaseUrls() throws IOException {
        Path upload = Files.writeString(Files.createTempFile("auth", ".jsonl"), LINE);
        for (String base : new String[] {"/openai", "/openai/v1"}) {
            OpenAIClient client = client(base, OPENAI_SECRET);
            FileObject file = client.files().create(FileCreateParams.builder()
                    .file(upload).purpose(FilePurpose.BATCH)
                    .putAdditionalBodyProperty("provider", JsonValue.from("openai")).build());
            assertTrue(client.files().list().data().stream().anyMatch(listed -> listed.id().equals(file.id())));
        }
        Files.delete(upload);
    }

    @Test
    void aWrongKeyIsOpenAisInvalidApiKey() {
        for (String base : new String[] {"/openai", "/openai/v1"}) {
            UnauthorizedException error = assertThrows(UnauthorizedException.class,
                    () -> client(base, WRONG_SECRET).files().list());
            assertEquals(401, error.statusCode());
            assertEquals("invalid_api_key", error.code().orElseThrow());
            assertEquals("invalid_request_error", error.type().orElseThrow());
            answers.add(error.body().toString());
            assertTrue(error.body().toString().contains("Incorrect API key provided"), error.body().toString());
        }
        // The S3 secret is a Caravan key too, but a key id is no Bearer token: only secrets are.
        assertThrows(UnauthorizedException.class, () -> client("/openai", AuthTestKeys.S3_KEY_ID).files().list());
        assertTrue(S3_SECRET.length() > 0);
    }

    @Test
    void anUploadWithAWrongKeyIsAnsweredNotCutOff() throws IOException {
        // About 2 MB the key check refuses unread; the client must still get the 401, not a broken connection.
        Path upload = Files.writeString(Files.createTempFile("auth", ".jsonl"), LINE.repeat(20_000));
        UnauthorizedException error = assertThrows(UnauthorizedException.class, () -> client("/openai", WRONG_SECRET)
                .files().create(FileCreateParams.builder().file(upload).purpose(FilePurpose.BATCH).build()));
        assertEquals(401, error.statusCode());
        answers.add(error.body().toString());
        Files.delete(upload);
    }

    @Test
    void noKeyIsOpenAisMissingKeyAnswerOnEveryOpenAiPath() throws Exception {
        for (String path : new String[] {"/openai/files", "/openai/v1/batches", "/openai/not-a-route", "/openai"}) {
            HttpResponse<String> response = get(path, null);
            assertEquals(401, response.statusCode(), path);
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            JsonNode error = JSON.readTree(response.body()).path("error");
            assertTrue(error.path("message").asText().startsWith("You didn't provide an API key"), response.body());
            assertEquals("invalid_request_error", error.path("type").asText());
            assertTrue(error.path("code").isNull(), response.body());
            answers.add(response.body());
        }
        HttpResponse<String> notBearer = get("/openai/files", "Basic " + OPENAI_SECRET);
        assertEquals(401, notBearer.statusCode());
        answers.add(notBearer.body());
    }

    @Test
    void healthNeedsNoKey() throws Exception {
        HttpResponse<String> health = get("/health", null);
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"UP\"}", health.body());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretIsLoggedOrEchoed() throws Exception {
        // one more failing request right before looking, so the check sees a refusal's whole log
        answers.add(get("/openai/files", "Bearer " + WRONG_SECRET).body());
        AuthTestKeys.assertNoSecretIn(context, LOGS, answers);
    }

    private OpenAIClient client(String base, String key) {
        return OpenAIOkHttpClient.builder().baseUrl(CaravanClients.baseUrl(context) + base).apiKey(key)
                .maxRetries(0).build();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(CaravanClients.baseUrl(context) + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
