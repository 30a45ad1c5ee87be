package dev.caravan.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.MultipartField;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.faults.FaultProxy;
import dev.caravan.sandbox.gemini.GeminiEmulator;
import dev.caravan.sandbox.gemini.GeminiEmulatorSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Gemini emulator behind a {@link FaultProxy}: a create (file upload, batch create) reaches Gemini exactly once
 * whatever happens to it, a Gemini too slow for {@code caravan.gemini.read-timeout} is a 504, a connection reset a
 * 502, and the upload's bytes go to the configured base URL even though Gemini's upload URL names its own address;
 * with caravan.gemini.files.keep-copy off, files.content of an upload is refused, saying why.
 * Caravan reaches the proxy through system properties of this test's own, so nothing leaks into later test classes.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                "caravan.gemini.base-url={{sys:" + GeminiUpstreamFaultsTest.BASE_URL + "}}",
                "caravan.gemini.api-key={{sys:" + GeminiUpstreamFaultsTest.API_KEY + "}}",
                "caravan.gemini.read-timeout=400", "caravan.gemini.retry.max-attempts=2",
                "caravan.gemini.retry.initial-delay=20", "caravan.gemini.retry.max-delay=50",
                "caravan.gemini.circuit-breaker.minimum-calls=1000", "caravan.gemini.files.keep-copy=false"})
class GeminiUpstreamFaultsTest {

    static final String BASE_URL = "caravan.faults.gemini.base-url";
    static final String API_KEY = "caravan.faults.gemini.api-key";
    private static final String KEY = "AIzaFaults" + Long.toHexString(System.nanoTime());
    private static final String UPLOAD = "/upload/v1beta/files";
    private static final String CREATE = "/v1beta/models/gemini-2.5-flash:batchGenerateContent";
    private static final Duration TOO_SLOW = Duration.ofMillis(1500);
    private static final FaultProxy.Delay PASS = new FaultProxy.Delay(Duration.ZERO);
    private static final String LINE = "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}";

    private static Path dataDir;
    private static GeminiEmulator emulator;
    private static FaultProxy proxy;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startUpstream() throws IOException {
        dataDir = Files.createTempDirectory("caravan-gemini-faults-");
        emulator = new GeminiEmulator(GeminiEmulatorSettings.defaults(dataDir, KEY)
                .withPhaseDuration(Duration.ofMillis(300))).start("127.0.0.1", 0);
        proxy = FaultProxy.start(emulator.baseUrl());
        System.setProperty(BASE_URL, proxy.baseUrl());
        System.setProperty(API_KEY, KEY);
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        System.clearProperty(BASE_URL);
        System.clearProperty(API_KEY);
        proxy.close();
        emulator.close();
        Files.deleteIfExists(dataDir);
    }

    @BeforeEach
    void clearFaults() {
        proxy.reset();
    }

    private OpenAIClient client() {
        return CaravanClients.openAi(context, "/openai");
    }

    @Test
    void an_upload_goes_through_the_base_url_both_steps() {
        FileObject file = upload();

        assertTrue(file.id().startsWith("file-gemini-"), file.id());
        assertEquals(2, proxy.count("POST", UPLOAD), "the session start and the bytes, both through the base URL: "
                + proxy.seen());
    }

    @Test
    void a_slow_upload_of_the_bytes_is_504_and_sent_once() {
        proxy.next(PASS, 1).next(new FaultProxy.Delay(TOO_SLOW), 1);

        InternalServerException error = assertThrows(InternalServerException.class, this::upload);

        assertEquals(504, error.statusCode());
        assertEquals("upstream_timeout", error.code().orElseThrow());
        assertTrue(error.getMessage().contains("Provider 'gemini' did not answer in time"), error.getMessage());
        assertEquals(2, proxy.count("POST", UPLOAD), "the start once, the bytes once: " + proxy.seen());
    }

    @Test
    void a_batch_create_answered_500_is_passed_through_and_sent_once() {
        FileObject file = upload();
        proxy.reset();
        proxy.next(PASS, 1).next(new FaultProxy.Answer(500, Map.of(), "{\"error\":{\"code\":500,\"message\":"
                + "\"Internal error encountered.\",\"status\":\"INTERNAL\"}}"), 1);

        InternalServerException error = assertThrows(InternalServerException.class, () -> create(file.id()));

        assertEquals(500, error.statusCode());
        assertEquals("INTERNAL", error.code().orElseThrow());
        assertTrue(error.getMessage().contains("Internal error encountered."), error.getMessage());
        assertEquals(1, proxy.count("POST", CREATE), "a create is never repeated: " + proxy.seen());
    }

    @Test
    void a_read_slow_on_every_attempt_is_504_after_the_attempts() {
        FileObject file = upload();
        proxy.reset();
        proxy.next(new FaultProxy.Delay(TOO_SLOW), 2);

        InternalServerException error = assertThrows(InternalServerException.class,
                () -> client().files().retrieve(file.id()));

        assertEquals(504, error.statusCode());
        assertEquals(2, proxy.seen().size(), proxy.seen().toString());
    }

    @Test
    void a_connection_reset_on_every_attempt_is_502() {
        FileObject file = upload();
        proxy.reset();
        proxy.next(new FaultProxy.Reset(0), 2);

        InternalServerException error = assertThrows(InternalServerException.class,
                () -> client().files().retrieve(file.id()));

        assertEquals(502, error.statusCode());
        assertEquals("upstream_unavailable", error.code().orElseThrow());
    }

    @Test
    void without_copies_files_content_of_an_upload_is_a_400_saying_why() {
        FileObject file = upload();

        BadRequestException error = assertThrows(BadRequestException.class, () -> client().files().content(file.id()));

        assertEquals("file_id", error.param().orElseThrow());
        assertTrue(error.getMessage().contains("Gemini does not serve the content of uploaded files"),
                error.getMessage());
        BadRequestException noModel = assertThrows(BadRequestException.class, () -> client().batches().create(
                BatchCreateParams.builder().inputFileId(file.id())
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .putAdditionalBodyProperty("provider", JsonValue.from("gemini")).build()));
        assertEquals("model", noModel.param().orElseThrow(), "with no copy, nothing recorded the lines' model");
    }

    private FileObject upload() {
        return client().files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream(LINE.getBytes(StandardCharsets.UTF_8)))
                        .filename("faults.jsonl").build())
                .purpose(FilePurpose.BATCH)
                .putAdditionalBodyProperty("provider", JsonValue.from("gemini"))
                .build());
    }

    private void create(String fileId) {
        client().batches().create(BatchCreateParams.builder()
                .inputFileId(fileId)
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .putAdditionalBodyProperty("provider", JsonValue.from("gemini"))
                .putAdditionalBodyProperty("model", JsonValue.from("gemini-2.5-flash"))
                .build());
    }
}
