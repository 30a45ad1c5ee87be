package dev.caravan.jsonl.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.GatewayError;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BedrockModelFamilyTest {

    @Test
    void foundation_model_ids() {
        assertEquals(BedrockModelFamily.CLAUDE, BedrockModelFamily.of("anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals(BedrockModelFamily.CLAUDE, BedrockModelFamily.of("anthropic.claude-v2:1"));
        assertEquals(BedrockModelFamily.NOVA, BedrockModelFamily.of("amazon.nova-pro-v1:0"));
        assertEquals(BedrockModelFamily.NOVA, BedrockModelFamily.of("amazon.nova-2-lite-v1:0"));
        assertEquals(BedrockModelFamily.LLAMA, BedrockModelFamily.of("meta.llama3-8b-instruct-v1:0"));
        assertEquals(BedrockModelFamily.LLAMA, BedrockModelFamily.of("meta.llama4-scout-17b-instruct-v1:0"));
        assertEquals(BedrockModelFamily.MISTRAL, BedrockModelFamily.of("mistral.mixtral-8x7b-instruct-v0:1"));
        assertEquals(BedrockModelFamily.TITAN_TEXT, BedrockModelFamily.of("amazon.titan-text-premier-v1:0"));
        assertEquals(BedrockModelFamily.TITAN_EMBED, BedrockModelFamily.of("amazon.titan-embed-text-v2:0"));
        assertEquals(BedrockModelFamily.TITAN_EMBED, BedrockModelFamily.of("amazon.titan-embed-text-v1"));
    }

    @Test
    void inference_profiles_and_arns() {
        assertEquals(BedrockModelFamily.CLAUDE,
                BedrockModelFamily.of("us.anthropic.claude-3-5-sonnet-20241022-v2:0"));
        assertEquals(BedrockModelFamily.CLAUDE, BedrockModelFamily.of("eu.anthropic.claude-3-7-sonnet-20250219-v1:0"));
        assertEquals(BedrockModelFamily.CLAUDE, BedrockModelFamily.of("apac.anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals(BedrockModelFamily.CLAUDE, BedrockModelFamily.of("global.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        assertEquals(BedrockModelFamily.NOVA, BedrockModelFamily.of("us.amazon.nova-micro-v1:0"));
        assertEquals(BedrockModelFamily.LLAMA, BedrockModelFamily.of("us.meta.llama3-2-3b-instruct-v1:0"));
        assertEquals(BedrockModelFamily.CLAUDE, BedrockModelFamily.of(
                "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals(BedrockModelFamily.NOVA, BedrockModelFamily.of(
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0"));
        assertEquals("anthropic.claude-3-haiku-20240307-v1:0", BedrockModelFamily.baseId(
                "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-haiku-20240307-v1:0"));
    }

    @Test
    void unknown_families_are_refused_naming_the_model() {
        assertEquals(Optional.empty(), BedrockModelFamily.find("cohere.command-r-plus-v1:0"));
        assertEquals(Optional.empty(), BedrockModelFamily.find(null));
        assertRefused("cohere.command-r-plus-v1:0");
        assertRefused("ai21.jamba-1-5-large-v1:0");
        assertRefused("meta.llama2-13b-chat-v1");
        assertRefused("amazon.nova-canvas-v1:0");
        assertRefused("amazon.titan-embed-image-v1");
        assertRefused("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefgh1234");
        assertRefused("gpt-4o-mini");
    }

    private static void assertRefused(String model) {
        GatewayError error = assertThrows(GatewayError.class, () -> BedrockModelFamily.of(model));
        assertEquals(400, error.status());
        assertEquals("model", error.param());
        assertTrue(error.getMessage().startsWith("model family of " + model
                + " is not supported for batch conversion"), error.getMessage());
    }
}
