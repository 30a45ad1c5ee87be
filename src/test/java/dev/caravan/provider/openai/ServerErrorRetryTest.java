package dev.caravan.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.faults.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 5xx answers: reads (and cancel) are retried, creates are not, and 4xx answers are nobody's to retry. */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                FaultyOpenAi.BASE_URL_SETTING, FaultyOpenAi.API_KEY_SETTING,
                "caravan.openai.retry.max-attempts=3", "caravan.openai.retry.initial-delay=50",
                "caravan.openai.retry.max-delay=200"})
class ServerErrorRetryTest {

    private static final String BROKEN = "The server had an error while processing your request.";
    private static FaultyOpenAi upstream;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startUpstream() {
        upstream = FaultyOpenAi.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void clearFaults() {
        upstream.proxy().reset();
    }

    private OpenAIClient client() {
        return CaravanClients.openAi(context, "/openai");
    }

    private FileObject storedFile(String name) {
        FileObject file = client().files().create(
                OpenAiCalls.upload(name, "hello".getBytes(StandardCharsets.UTF_8), FilePurpose.USER_DATA));
        upstream.proxy().reset();
        return file;
    }

    @Test
    void a_500_then_success_on_a_get_is_200_after_one_retry() {
        FileObject file = storedFile("retrieve-me.txt");
        // the emulator's own fault injection: OpenAI's envelope, from the upstream itself
        upstream.emulator().injectFaults(500, BROKEN, 1);

        assertEquals(file.id(), client().files().retrieve(file.id()).id());
        assertEquals(2, upstream.proxy().count("GET", "/v1/files/" + file.id()));
    }

    @Test
    void a_500_on_every_attempt_is_the_upstreams_500_after_the_last() {
        upstream.emulator().injectFaults(500, BROKEN, 3);

        InternalServerException error = assertThrows(InternalServerException.class, () -> client().batches().list());

        assertEquals(500, error.statusCode());
        assertTrue(error.getMessage().contains(BROKEN), error.getMessage());
        assertEquals(3, upstream.proxy().count("GET", "/v1/batches"));
    }

    @Test
    void a_500_on_a_file_upload_is_500_after_exactly_one_attempt() {
        upstream.proxy().next(FaultProxy.answer(500, Map.of(), BROKEN), 1);

        InternalServerException error = assertThrows(InternalServerException.class, () -> client().files().create(
                OpenAiCalls.upload("once.txt", "hello".getBytes(StandardCharsets.UTF_8), FilePurpose.USER_DATA)));

        assertEquals(500, error.statusCode());
        assertTrue(error.getMessage().contains(BROKEN), error.getMessage());
        assertEquals(1, upstream.proxy().count("POST", "/v1/files"));
        assertTrue(upstream.storedFiles().stream().noneMatch(f -> f.filename().equals("once.txt")));
    }

    @Test
    void a_500_on_a_batch_create_is_500_after_exactly_one_attempt() {
        FileObject input = client().files().create(OpenAiCalls.batchInput("batch-once.jsonl"));
        upstream.emulator().injectFaults(503, "The engine is currently overloaded", 1);

        InternalServerException error = assertThrows(InternalServerException.class,
                () -> client().batches().create(OpenAiCalls.batchOf(input.id())));

        assertEquals(503, error.statusCode());
        assertEquals(1, upstream.proxy().count("POST", "/v1/batches"));
        assertTrue(upstream.storedBatches().stream().noneMatch(b -> b.inputFileId().equals(input.id())));
    }

    @Test
    void cancel_is_retried_it_cannot_duplicate_anything() {
        FileObject input = client().files().create(OpenAiCalls.batchInput("cancel-me.jsonl"));
        Batch batch = client().batches().create(OpenAiCalls.batchOf(input.id()));
        upstream.proxy().reset();
        upstream.emulator().injectFaults(502, "Bad gateway", 1);

        Batch cancelled = client().batches().cancel(batch.id());

        assertEquals(batch.id(), cancelled.id());
        assertEquals(2, upstream.proxy().count("POST", "/v1/batches/" + batch.id() + "/cancel"));
    }

    @Test
    void a_404_is_answered_after_one_attempt() {
        assertThrows(NotFoundException.class, () -> client().files().retrieve("file-nothere"));
        assertEquals(1, upstream.proxy().count("GET", "/v1/files/file-nothere"));
    }
}
