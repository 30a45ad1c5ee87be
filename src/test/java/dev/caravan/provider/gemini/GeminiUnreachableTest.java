package dev.caravan.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.MultipartField;
import com.openai.errors.InternalServerException;
import com.openai.models.batches.BatchRetrieveParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FilePurpose;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/** Caravan configured for a Gemini whose address answers nothing: a 502 in OpenAI's envelope, naming it. */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                // port 9 (discard) is closed on loopback: the connection is refused at once
                "caravan.gemini.base-url=http://127.0.0.1:9", "caravan.gemini.api-key=AIza-unreachable-key",
                "caravan.gemini.retry.max-attempts=2", "caravan.gemini.retry.initial-delay=10",
                "caravan.gemini.retry.max-delay=20"})
class GeminiUnreachableTest {

    @BeanInject
    CamelContext context;

    private OpenAIClient client() {
        return CaravanClients.openAi(context, "/openai");
    }

    @Test
    void an_unreachable_gemini_is_502_naming_the_provider() {
        InternalServerException error = assertThrows(InternalServerException.class, () -> client().files().list(
                FileListParams.builder().putAdditionalQueryParam("provider", "gemini").build()));

        assertEquals(502, error.statusCode());
        assertEquals("upstream_unavailable", error.code().orElseThrow());
        assertTrue(error.getMessage().contains("Provider 'gemini' could not be reached"), error.getMessage());
        assertFalse(error.getMessage().contains("AIza"), "no key in the answer");
    }

    @Test
    void an_upload_that_cannot_reach_gemini_is_502_too() {
        String line = "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"gemini-1.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}";

        InternalServerException error = assertThrows(InternalServerException.class, () -> client().files().create(
                FileCreateParams.builder()
                        .file(MultipartField.<InputStream>builder()
                                .value(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)))
                                .filename("batch.jsonl").build())
                        .purpose(FilePurpose.BATCH)
                        .putAdditionalBodyProperty("provider", JsonValue.from("gemini"))
                        .build()));

        assertEquals(502, error.statusCode());
        assertEquals("upstream_unavailable", error.code().orElseThrow());
    }

    @Test
    void a_batch_read_that_cannot_reach_gemini_is_502() {
        String id = new GeminiBatchId("batches/b1").id();

        InternalServerException error = assertThrows(InternalServerException.class, () -> client().batches()
                .retrieve(BatchRetrieveParams.builder().batchId(id).build()));

        assertEquals(502, error.statusCode());
        assertTrue(error.getMessage().contains("Provider 'gemini' could not be reached"), error.getMessage());
    }
}
