package dev.caravan.provider.bedrock;

import static dev.caravan.provider.bedrock.InputLines.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.caravan.jsonl.bedrock.BedrockModelFamily;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelInputShapeTest {

    @Test
    void realistic_bodies_of_every_family_are_plausible() {
        assertEquals(Optional.empty(), invoke(BedrockModelFamily.CLAUDE, InputLines.CLAUDE));
        assertEquals(Optional.empty(), invoke(BedrockModelFamily.NOVA, InputLines.NOVA));
        assertEquals(Optional.empty(), invoke(BedrockModelFamily.LLAMA, InputLines.LLAMA));
        assertEquals(Optional.empty(), invoke(BedrockModelFamily.MISTRAL, InputLines.MISTRAL));
        assertEquals(Optional.empty(), invoke(BedrockModelFamily.TITAN_TEXT, InputLines.TITAN_TEXT));
        assertEquals(Optional.empty(), invoke(BedrockModelFamily.TITAN_EMBED, InputLines.TITAN_EMBED));
    }

    @Test
    void claude_with_tools_and_parameters_caravan_cannot_convert_still_passes() {
        assertEquals(Optional.empty(), invoke(BedrockModelFamily.CLAUDE, InputLines.CLAUDE_WITH_TOOLS));
    }

    @Test
    void claude_required_members_are_named() {
        assertEquals(Optional.of("modelInput.anthropic_version is required for Anthropic Claude models"),
                invoke(BedrockModelFamily.CLAUDE, "{\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertEquals(Optional.of("modelInput.anthropic_version must be a string"),
                invoke(BedrockModelFamily.CLAUDE, "{\"anthropic_version\":2023,\"max_tokens\":10,\"messages\":[]}"));
        assertEquals(Optional.of("modelInput.max_tokens is required for Anthropic Claude models"),
                invoke(BedrockModelFamily.CLAUDE, claude(null, "[{\"role\":\"user\",\"content\":\"hi\"}]")));
        assertEquals(Optional.of("modelInput.max_tokens is required for Anthropic Claude models"),
                invoke(BedrockModelFamily.CLAUDE, claude("null", "[{\"role\":\"user\",\"content\":\"hi\"}]")));
        assertEquals(Optional.of("modelInput.messages is required for Anthropic Claude models"),
                invoke(BedrockModelFamily.CLAUDE, claude("10", null)));
    }

    @Test
    void claude_member_types() {
        String hello = "[{\"role\":\"user\",\"content\":\"hi\"}]";
        for (String maxTokens : new String[] {"0", "-5", "1.5", "\"100\"", "true", "9999999999"}) {
            assertEquals(Optional.of("modelInput.max_tokens must be a positive integer"),
                    invoke(BedrockModelFamily.CLAUDE, claude(maxTokens, hello)), maxTokens);
        }
        assertEquals(Optional.of("modelInput.messages must be a non-empty array"),
                invoke(BedrockModelFamily.CLAUDE, claude("10", "[]")));
        assertEquals(Optional.of("modelInput.messages must be a non-empty array"),
                invoke(BedrockModelFamily.CLAUDE, claude("10", "{\"role\":\"user\"}")));
        assertEquals(Optional.of("modelInput.messages[1] must be a JSON object"),
                invoke(BedrockModelFamily.CLAUDE, claude("10", "[{\"role\":\"user\",\"content\":\"hi\"},\"again\"]")));
        assertEquals(Optional.of("modelInput.messages[0].role must be \"user\" or \"assistant\""),
                invoke(BedrockModelFamily.CLAUDE, claude("10", "[{\"role\":\"system\",\"content\":\"hi\"}]")));
        assertEquals(Optional.of("modelInput.messages[0].role must be \"user\" or \"assistant\""),
                invoke(BedrockModelFamily.CLAUDE, claude("10", "[{\"content\":\"hi\"}]")));
        assertEquals(Optional.of("modelInput.messages[0].content must be a string or an array of content blocks"),
                invoke(BedrockModelFamily.CLAUDE, claude("10", "[{\"role\":\"user\",\"content\":42}]")));
        assertEquals(Optional.of("modelInput.messages[0].content must be a string or an array of content blocks"),
                invoke(BedrockModelFamily.CLAUDE, claude("10", "[{\"role\":\"user\",\"content\":[\"hi\"]}]")));
        assertEquals(Optional.of("modelInput.messages[0].content must be a string or an array of content blocks"),
                invoke(BedrockModelFamily.CLAUDE, claude("10", "[{\"role\":\"user\"}]")));
    }

    @Test
    void a_converse_request_is_not_a_claude_body() {
        assertEquals(Optional.of("modelInput.anthropic_version is required for Anthropic Claude models"),
                invoke(BedrockModelFamily.CLAUDE, InputLines.CONVERSE));
    }

    @Test
    void nova_needs_messages_with_block_arrays() {
        assertEquals(Optional.of("modelInput.messages is required for Amazon Nova models"),
                invoke(BedrockModelFamily.NOVA, "{\"inferenceConfig\":{\"maxTokens\":10}}"));
        assertEquals(Optional.of("modelInput.messages[0].content must be a non-empty array of content blocks"),
                invoke(BedrockModelFamily.NOVA, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertEquals(Optional.of("modelInput.messages[0].content must be a non-empty array of content blocks"),
                invoke(BedrockModelFamily.NOVA, "{\"messages\":[{\"role\":\"user\",\"content\":[]}]}"));
        assertEquals(Optional.of("modelInput.messages[0].role must be \"user\" or \"assistant\""),
                invoke(BedrockModelFamily.NOVA, "{\"messages\":[{\"role\":\"bot\",\"content\":[{\"text\":\"x\"}]}]}"));
        assertEquals(Optional.of("modelInput.inferenceConfig must be a JSON object"),
                invoke(BedrockModelFamily.NOVA, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}],"
                        + "\"inferenceConfig\":[]}"));
        // a Converse request is also a Nova body: Nova's InvokeModel schema is Converse's
        assertEquals(Optional.empty(), invoke(BedrockModelFamily.NOVA, InputLines.CONVERSE));
    }

    @Test
    void prompt_families_need_a_prompt_string() {
        assertEquals(Optional.of("modelInput.prompt is required for Meta Llama models"),
                invoke(BedrockModelFamily.LLAMA, "{\"max_gen_len\":512}"));
        assertEquals(Optional.of("modelInput.prompt is required for Mistral AI models"),
                invoke(BedrockModelFamily.MISTRAL, InputLines.CONVERSE));
        assertEquals(Optional.of("modelInput.prompt must be a string"),
                invoke(BedrockModelFamily.MISTRAL, "{\"prompt\":[\"[INST] hi [/INST]\"]}"));
    }

    @Test
    void titan_needs_input_text() {
        assertEquals(Optional.of("modelInput.inputText is required for Amazon Titan Text models"),
                invoke(BedrockModelFamily.TITAN_TEXT, "{\"prompt\":\"hi\"}"));
        assertEquals(Optional.of("modelInput.textGenerationConfig must be a JSON object"),
                invoke(BedrockModelFamily.TITAN_TEXT, "{\"inputText\":\"hi\",\"textGenerationConfig\":\"fast\"}"));
        assertEquals(Optional.of("modelInput.inputText is required for Amazon Titan Text Embeddings models"),
                invoke(BedrockModelFamily.TITAN_EMBED, "{\"texts\":[\"hi\"]}"));
        assertEquals(Optional.of("modelInput.inputText must be a string"),
                invoke(BedrockModelFamily.TITAN_EMBED, "{\"inputText\":[\"a\",\"b\"]}"));
    }

    @Test
    void an_unknown_family_takes_any_object() {
        assertEquals(Optional.empty(), invoke(null, "{}"));
        assertEquals(Optional.empty(), invoke(null, InputLines.COHERE));
        assertEquals(Optional.of("modelInput must be a JSON object"), invoke(null, "[]"));
    }

    @Test
    void realistic_converse_requests_are_valid() {
        assertEquals(Optional.empty(), converse(InputLines.CONVERSE));
        assertEquals(Optional.empty(), converse(InputLines.NOVA));
        assertEquals(Optional.empty(), converse(json(InputLines.seedLine(1)).get("modelInput").toString()));
        // block types Caravan does not convert are Bedrock's business: any one-member block passes
        assertEquals(Optional.empty(), converse("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Describe\"},"
                + "{\"image\":{\"format\":\"png\",\"source\":{\"s3Location\":{\"uri\":\"s3://b/cat.png\"}}}}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"toolUseId\":\"t1\",\"name\":\"f\",\"input\":{}}}]}],"
                + "\"system\":[{\"text\":\"Be brief.\"},{\"cachePoint\":{\"type\":\"default\"}}],"
                + "\"toolConfig\":{\"tools\":[]}}"));
    }

    @Test
    void converse_problems_are_named() {
        assertEquals(Optional.of("modelInput.messages is required for a Converse request"), converse("{}"));
        assertEquals(Optional.of("modelInput.messages must be a non-empty array"), converse("{\"messages\":[]}"));
        assertEquals(Optional.of("modelInput.messages[0].role must be \"user\" or \"assistant\""),
                converse("{\"messages\":[{\"role\":\"system\",\"content\":[{\"text\":\"x\"}]}]}"));
        assertEquals(Optional.of("modelInput.messages[0].content must be a non-empty array of Converse content blocks"),
                converse("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertEquals(Optional.of("modelInput.messages[0].content must be a non-empty array of Converse content blocks"),
                converse("{\"messages\":[{\"role\":\"user\",\"content\":[]}]}"));
        assertEquals(Optional.of("modelInput.messages[0].content[0] must be a Converse content block, an object with "
                        + "exactly one member such as {\"text\": \"…\"}"),
                converse("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]}"));
        assertEquals(Optional.of("modelInput.system must be an array of Converse content blocks"),
                converse(withMessage("\"system\":\"Be brief.\"")));
        assertEquals(Optional.of("modelInput.system[0] must be a Converse content block, an object with exactly one "
                + "member such as {\"text\": \"…\"}"), converse(withMessage("\"system\":[\"Be brief.\"]")));
        assertEquals(Optional.of("modelInput.inferenceConfig must be a JSON object"),
                converse(withMessage("\"inferenceConfig\":100")));
        assertEquals(Optional.of("modelInput.inferenceConfig.maxTokens must be a positive integer"),
                converse(withMessage("\"inferenceConfig\":{\"maxTokens\":\"100\"}")));
        assertEquals(Optional.of("modelInput.inferenceConfig.temperature must be a number"),
                converse(withMessage("\"inferenceConfig\":{\"temperature\":\"low\"}")));
        assertEquals(Optional.of("modelInput.inferenceConfig.topP must be a number"),
                converse(withMessage("\"inferenceConfig\":{\"topP\":[0.9]}")));
        assertEquals(Optional.of("modelInput.inferenceConfig.stopSequences must be an array of strings"),
                converse(withMessage("\"inferenceConfig\":{\"stopSequences\":\"END\"}")));
        assertEquals(Optional.of("modelInput.inferenceConfig.stopSequences must be an array of strings"),
                converse(withMessage("\"inferenceConfig\":{\"stopSequences\":[1]}")));
        assertEquals(Optional.of("modelInput.additionalModelRequestFields must be a JSON object"),
                converse(withMessage("\"additionalModelRequestFields\":[\"top_k\"]")));
        assertEquals(Optional.of("modelInput must be a JSON object"), ModelInputShape.asConverse(json("\"hi\"")));
    }

    @Test
    void a_claude_body_is_not_a_converse_request() {
        assertEquals(Optional.of("modelInput.messages[0].content[0] must be a Converse content block, an object with "
                + "exactly one member such as {\"text\": \"…\"}"), converse(InputLines.CLAUDE));
        assertEquals(Optional.of("modelInput.messages[0].content must be a non-empty array of Converse content blocks"),
                converse(InputLines.CLAUDE_WITH_TOOLS));
        assertEquals(Optional.of("modelInput.messages is required for a Converse request"), converse(InputLines.LLAMA));
    }

    private static Optional<String> invoke(BedrockModelFamily family, String modelInput) {
        return ModelInputShape.asInvokeModel(family, json(modelInput));
    }

    private static Optional<String> converse(String modelInput) {
        return ModelInputShape.asConverse(json(modelInput));
    }

    /** A Claude body with the given max_tokens and messages (each left out when null). */
    private static String claude(String maxTokens, String messages) {
        return "{\"anthropic_version\":\"bedrock-2023-05-31\"" + (maxTokens == null ? "" : ",\"max_tokens\":" + maxTokens)
                + (messages == null ? "" : ",\"messages\":" + messages) + "}";
    }

    private static String withMessage(String member) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]," + member + "}";
    }
}
