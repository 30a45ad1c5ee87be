package dev.caravan.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.InternalServerException;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListParams;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/** Caravan configured for an Anthropic whose address answers nothing: a 502 in OpenAI's envelope, naming it. */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                // port 9 (discard) is closed on loopback: the connection is refused at once
                "caravan.anthropic.base-url=http://127.0.0.1:9", "caravan.anthropic.api-key=sk-ant-unreachable",
                "caravan.anthropic.retry.max-attempts=2", "caravan.anthropic.retry.initial-delay=10",
                "caravan.anthropic.retry.max-delay=20"})
class AnthropicUnreachableTest {

    @BeanInject
    CamelContext context;

    private OpenAIClient client() {
        return CaravanClients.openAi(context, "/openai");
    }

    @Test
    void an_unreachable_anthropic_is_502_naming_the_provider() {
        InternalServerException error = assertThrows(InternalServerException.class, () -> client().batches().list(
                BatchListParams.builder().putAdditionalQueryParam("provider", "anthropic").build()));

        assertEquals(502, error.statusCode());
        assertEquals("upstream_unavailable", error.code().orElseThrow());
        assertTrue(error.getMessage().contains("Provider 'anthropic' could not be reached"), error.getMessage());
        assertFalse(error.getMessage().contains("sk-ant"), "no key in the answer");
    }

    @Test
    void a_create_that_cannot_reach_anthropic_is_502_too() {
        Map<String, Object> request = Map.of("custom_id", "a", "params", Map.of("model", "claude-haiku-4-5",
                "max_tokens", 10, "messages", List.of(Map.of("role", "user", "content", "hi"))));

        InternalServerException error = assertThrows(InternalServerException.class, () -> client().batches().create(
                BatchCreateParams.builder()
                        .inputFileId("")
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .putAdditionalBodyProperty("provider", JsonValue.from("anthropic"))
                        .putAdditionalBodyProperty("requests", JsonValue.from(List.of(request)))
                        .build()));

        assertEquals(502, error.statusCode());
        assertEquals("upstream_unavailable", error.code().orElseThrow());
    }
}
