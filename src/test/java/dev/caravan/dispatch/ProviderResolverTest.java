package dev.caravan.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.StorageConfig;
import org.junit.jupiter.api.Test;

class ProviderResolverTest {

    private final ProviderResolver resolver = new ProviderResolver();

    @Test
    void named_provider_wins_and_is_case_insensitive() {
        assertEquals("openai", resolver.resolve(new BatchRef(Operation.BATCHES_RETRIEVE, "OpenAI", "batch_1")));
    }

    @Test
    void without_a_name_the_id_decides_else_openai() {
        String geminiFile = CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, "files/abc");
        assertEquals("gemini", resolver.resolve(new FileRef(Operation.FILES_RETRIEVE, null, geminiFile,
                StorageConfig.NONE)));
        assertEquals("openai", resolver.resolve(new FileRef(Operation.FILES_RETRIEVE, "", "something-else",
                StorageConfig.NONE)));
    }

    @Test
    void unknown_and_contradicting_providers_are_invalid_requests() {
        GatewayError unknown = assertThrows(GatewayError.class,
                () -> resolver.resolve(new BatchRef(Operation.BATCHES_RETRIEVE, "azure", "batch_1")));
        assertEquals(400, unknown.status());
        assertTrue(unknown.getMessage().contains("openai, anthropic, gemini, bedrock"));

        String bedrockBatch = CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.BEDROCK, "arn:aws:bedrock:x");
        GatewayError contradiction = assertThrows(GatewayError.class,
                () -> resolver.resolve(new BatchRef(Operation.BATCHES_CANCEL, "openai", bedrockBatch)));
        assertEquals("provider", contradiction.param());
    }
}
