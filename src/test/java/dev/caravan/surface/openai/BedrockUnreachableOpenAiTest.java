package dev.caravan.surface.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.batches.BatchRetrieveParams;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileRetrieveParams;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.Provider;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * Provider {@code bedrock} on the OpenAI surface with its S3 store and its control plane down (nothing listens on
 * port 9): each call is a 502 in OpenAI's envelope, not a hang and not a 500.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                "caravan.bedrock.endpoint=http://127.0.0.1:9", "caravan.bedrock.access-key=AKIDEXAMPLE",
                "caravan.bedrock.secret-key=secret", "caravan.bedrock.max-attempts=1",
                "caravan.bedrock.s3.endpoint=http://127.0.0.1:9", "caravan.bedrock.s3.access-key=AKIDEXAMPLE",
                "caravan.bedrock.s3.secret-key=secret", "caravan.bedrock.s3.path-style=true",
                "caravan.bedrock.s3.max-attempts=1"})
class BedrockUnreachableOpenAiTest {

    @BeanInject
    CamelContext context;

    private OpenAIClient client() {
        return CaravanClients.openAi(context, "/openai");
    }

    @Test
    void an_unreachable_s3_store_is_a_502_for_files() {
        OpenAIServiceException list = assertThrows(OpenAIServiceException.class, () -> client().files().list(
                FileListParams.builder().putAdditionalQueryParam("provider", "bedrock")
                        .putAdditionalQueryParam("storage_config[s3][bucket]", "your-s3-bucket").build()));
        assertEquals(502, list.statusCode());
        assertTrue(list.getMessage().contains("could not be reached"), list.getMessage());

        // built like Caravan builds them, so they hold with caravan.ids.secret set as well
        String file = CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.BEDROCK, "s3://your-s3-bucket/in/x.jsonl");
        assertEquals(502, assertThrows(OpenAIServiceException.class, () -> client().files().retrieve(
                FileRetrieveParams.builder().fileId(file).build())).statusCode());
    }

    @Test
    void an_unreachable_control_plane_is_a_502_for_batches() {
        String batch = CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.BEDROCK,
                "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcdefghijkl");

        OpenAIServiceException error = assertThrows(OpenAIServiceException.class, () -> client().batches().retrieve(
                BatchRetrieveParams.builder().batchId(batch).putAdditionalQueryParam("provider", "bedrock").build()));

        assertEquals(502, error.statusCode());
        assertTrue(error.getMessage().contains("could not be reached"), error.getMessage());
    }
}
