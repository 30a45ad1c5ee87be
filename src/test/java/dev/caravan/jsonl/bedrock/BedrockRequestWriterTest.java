package dev.caravan.jsonl.bedrock;

import static dev.caravan.jsonl.bedrock.Lines.CLAUDE;
import static dev.caravan.jsonl.bedrock.Lines.LLAMA;
import static dev.caravan.jsonl.bedrock.Lines.MISTRAL;
import static dev.caravan.jsonl.bedrock.Lines.NOVA;
import static dev.caravan.jsonl.bedrock.Lines.PNG;
import static dev.caravan.jsonl.bedrock.Lines.TITAN_EMBED;
import static dev.caravan.jsonl.bedrock.Lines.TITAN_TEXT;
import static dev.caravan.jsonl.bedrock.Lines.chat;
import static dev.caravan.jsonl.bedrock.Lines.conversation;
import static dev.caravan.jsonl.bedrock.Lines.embeddings;
import static dev.caravan.jsonl.bedrock.Lines.error;
import static dev.caravan.jsonl.bedrock.Lines.json;
import static dev.caravan.jsonl.bedrock.Lines.maxTokens;
import static dev.caravan.jsonl.bedrock.Lines.parameters;
import static dev.caravan.jsonl.bedrock.Lines.userOnly;
import static dev.caravan.jsonl.bedrock.Lines.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.RequestLineWriter;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Endpoint;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Parameters;
import dev.caravan.jsonl.canonical.Part;
import dev.caravan.jsonl.canonical.Role;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BedrockRequestWriterTest {

    private static final Parameters ALL = parameters(512, 0.2, 0.9, 40, List.of("###", "END"));
    private static final Parameters NO_TOP_K = parameters(512, 0.2, 0.9, null, List.of("###", "END"));
    private static final Parameters NO_TOP_K_OR_STOP = parameters(512, 0.2, 0.9, null, null);

    private static RequestLineWriter writer(String batchModel) {
        return BedrockRequestLines.writer(ConversionSettings.forModel(batchModel));
    }

    private static RequestLineWriter converseWriter(String batchModel) {
        return BedrockRequestLines.writer(ConversionSettings.forModel(batchModel).withConverse(true));
    }

    // ---- Claude ----

    @Test
    void claude_body_carries_every_turn_part_and_parameter() throws IOException {
        JsonNode line = write(writer(CLAUDE), chat("req-1", 1, null, conversation(true), ALL));
        assertEquals("req-1", line.get("recordId").asText());
        assertEquals(2, line.size());
        JsonNode input = line.get("modelInput");
        assertEquals("bedrock-2023-05-31", input.get("anthropic_version").asText());
        assertEquals(512, input.get("max_tokens").asInt());
        assertEquals("You are a terse assistant.", input.get("system").asText());
        assertEquals(0.2, input.get("temperature").asDouble());
        assertEquals(0.9, input.get("top_p").asDouble());
        assertEquals(40, input.get("top_k").asInt());
        assertEquals(json("[\"###\",\"END\"]"), input.get("stop_sequences"));
        JsonNode messages = input.get("messages");
        assertEquals(3, messages.size());
        assertEquals("user", messages.get(0).get("role").asText());
        assertEquals(json("{\"type\":\"text\",\"text\":\"Describe this image.\"}"),
                messages.get(0).get("content").get(0));
        assertEquals(json("{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                + "\"data\":\"" + PNG + "\"}}"), messages.get(0).get("content").get(1));
        assertEquals(json("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"A red square.\"}]}"),
                messages.get(1));
        assertEquals(json("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"How big is it?\"},"
                + "{\"type\":\"text\",\"text\":\"Answer in pixels.\"}]}"), messages.get(2));
        assertEquals(8, input.size());
    }

    @Test
    void claude_body_leaves_out_what_the_request_did_not_set() throws IOException {
        JsonNode input = write(writer(CLAUDE), chat("a", 1, null, userOnly("Hi"), maxTokens(64))).get("modelInput");
        assertEquals(json("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]}"), input);
    }

    @Test
    void consecutive_turns_of_one_role_are_merged_for_claude() throws IOException {
        List<Message> messages = List.of(Message.text(Role.USER, "First."), Message.text(Role.USER, "Second."),
                Message.text(Role.ASSISTANT, "Ok."), Message.text(Role.ASSISTANT, "Done."));
        JsonNode merged = write(writer(CLAUDE), chat("a", 1, null, messages, maxTokens(10)))
                .path("modelInput").path("messages");
        assertEquals(json("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"First.\"},"
                + "{\"type\":\"text\",\"text\":\"Second.\"}]},{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"Ok.\"},{\"type\":\"text\",\"text\":\"Done.\"}]}]"), merged);
    }

    @Test
    void claude_needs_max_tokens_and_inline_images() {
        assertEquals("line 3: max_tokens is required for Claude (the Anthropic Messages API has no default); set "
                        + "max_tokens or max_completion_tokens",
                error(() -> write(writer(CLAUDE), chat("a", 3, null, userOnly("Hi"), Parameters.NONE))));
        List<Message> url = List.of(new Message(Role.USER, List.of(new Part.Text("What is this?"),
                new Part.Image(null, null, "https://example.com/cat.png"))));
        assertEquals("line 4: messages[0].content[1]: Bedrock Anthropic Claude (InvokeModel) takes inline base64 "
                        + "images only, not a URL (https://example.com/cat.png); send the image as a data: URL",
                error(() -> write(writer(CLAUDE), chat("a", 4, null, url, maxTokens(10)))));
        List<Message> bmp = List.of(new Message(Role.USER, List.of(new Part.Image("image/bmp", "Qk0=", null))));
        assertEquals("line 5: messages[0].content[0]: Bedrock Anthropic Claude (InvokeModel) takes jpeg, png, gif "
                        + "or webp images, not image/bmp",
                error(() -> write(writer(CLAUDE), chat("a", 5, null, bmp, maxTokens(10)))));
        List<Message> assistantImage = List.of(Message.text(Role.USER, "Draw"),
                new Message(Role.ASSISTANT, List.of(new Part.Image("image/png", PNG, null))));
        assertEquals("line 6: messages[1].content[0]: Bedrock Anthropic Claude (InvokeModel) takes images in user "
                + "messages only", error(() -> write(writer(CLAUDE), chat("a", 6, null, assistantImage, maxTokens(9)))));
    }

    @Test
    void a_system_message_after_the_first_turn_is_refused() {
        List<Message> late = List.of(Message.text(Role.USER, "Hi"), Message.text(Role.SYSTEM, "Be brief."));
        assertEquals("line 7: messages[1]: a system message after the conversation started has no place in Bedrock "
                        + "Anthropic Claude (InvokeModel), which takes one system prompt before all turns",
                error(() -> write(writer(CLAUDE), chat("a", 7, null, late, maxTokens(10)))));
        List<Message> onlySystem = List.of(Message.text(Role.SYSTEM, "Be brief."));
        assertEquals("line 8: Bedrock Amazon Nova (InvokeModel) needs at least one user or assistant message",
                error(() -> write(writer(NOVA), chat("a", 8, null, onlySystem, Parameters.NONE))));
    }

    // ---- Nova and Converse ----

    @Test
    void nova_body_carries_every_turn_part_and_parameter() throws IOException {
        JsonNode line = write(writer(NOVA), chat("nova-1", 2, null, conversation(true), ALL));
        assertEquals("nova-1", line.get("recordId").asText());
        JsonNode input = line.get("modelInput");
        assertEquals("messages-v1", input.get("schemaVersion").asText());
        assertEquals(json("[{\"text\":\"You are a terse assistant.\"}]"), input.get("system"));
        assertEquals(json("[{\"role\":\"user\",\"content\":[{\"text\":\"Describe this image.\"},"
                + "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"" + PNG + "\"}}}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"text\":\"A red square.\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"text\":\"How big is it?\"},{\"text\":\"Answer in pixels.\"}]}]"),
                input.get("messages"));
        JsonNode config = input.get("inferenceConfig");
        assertEquals(512, config.get("maxTokens").asInt());
        assertEquals(0.2, config.get("temperature").asDouble());
        assertEquals(0.9, config.get("topP").asDouble());
        assertEquals(40, config.get("topK").asInt());
        assertEquals(json("[\"###\",\"END\"]"), config.get("stopSequences"));
        assertEquals(5, config.size());
        assertEquals(4, input.size());
    }

    @Test
    void nova_without_parameters_has_no_inference_config() throws IOException {
        JsonNode input = write(writer(NOVA), chat("a", 1, null, userOnly("Hello"), Parameters.NONE))
                .get("modelInput");
        assertEquals(json("{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"text\":\"Hello\"}]}]}"), input);
    }

    @Test
    void converse_body_puts_top_k_where_the_model_takes_it() throws IOException {
        JsonNode claude = write(converseWriter(CLAUDE), chat("c-1", 1, null, conversation(true), ALL))
                .get("modelInput");
        assertFalse(claude.has("schemaVersion"));
        assertEquals(json("[{\"text\":\"You are a terse assistant.\"}]"), claude.get("system"));
        assertEquals(json("{\"format\":\"png\",\"source\":{\"bytes\":\"" + PNG + "\"}}"),
                claude.at("/messages/0/content/1/image"));
        assertEquals(json("{\"maxTokens\":512,\"temperature\":0.2,\"topP\":0.9,\"stopSequences\":[\"###\",\"END\"]}"),
                claude.get("inferenceConfig"));
        assertEquals(json("{\"top_k\":40}"), claude.get("additionalModelRequestFields"));
        assertEquals(4, claude.size());

        JsonNode nova = write(converseWriter(NOVA), chat("c-2", 1, null, userOnly("Hi"), ALL)).get("modelInput");
        assertEquals(json("{\"inferenceConfig\":{\"topK\":40}}"), nova.get("additionalModelRequestFields"));
        assertFalse(nova.get("inferenceConfig").has("topK"));

        JsonNode llama = write(converseWriter(LLAMA), chat("c-3", 1, null, conversation(true), NO_TOP_K))
                .get("modelInput");
        assertEquals("png", llama.at("/messages/0/content/1/image/format").asText());
        assertEquals(3, llama.size());
    }

    @Test
    void converse_refuses_top_k_for_models_without_a_documented_place() {
        assertEquals("line 9: parameter 'top_k' has no equivalent in Bedrock Converse for " + LLAMA
                        + "; remove it or choose a provider that supports it",
                error(() -> write(converseWriter(LLAMA), chat("a", 9, null, userOnly("Hi"), ALL))));
    }

    // ---- Llama ----

    @Test
    void llama_body_is_the_llama3_chat_template() throws IOException {
        JsonNode line = write(writer(LLAMA), chat("llama-1", 1, null, conversation(false), NO_TOP_K_OR_STOP));
        assertEquals("llama-1", line.get("recordId").asText());
        JsonNode input = line.get("modelInput");
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are a terse assistant."
                + "<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nDescribe this image.\nIt is a red square."
                + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nA red square."
                + "<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHow big is it?\nAnswer in pixels."
                + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", input.get("prompt").asText());
        assertEquals(512, input.get("max_gen_len").asInt());
        assertEquals(0.2, input.get("temperature").asDouble());
        assertEquals(0.9, input.get("top_p").asDouble());
        assertEquals(4, input.size());
    }

    @Test
    void llama4_uses_its_own_tokens_and_a_closing_assistant_turn_is_a_prefill() throws IOException {
        List<Message> prefill = List.of(Message.text(Role.USER, "Name a colour."), Message.text(Role.ASSISTANT, "Re"));
        JsonNode input = write(writer("us.meta.llama4-maverick-17b-instruct-v1:0"),
                chat("a", 1, null, prefill, Parameters.NONE)).get("modelInput");
        assertEquals("<|begin_of_text|><|header_start|>user<|header_end|>\n\nName a colour.<|eot|>"
                + "<|header_start|>assistant<|header_end|>\n\nRe", input.get("prompt").asText());
        assertEquals(1, input.size());
    }

    @Test
    void llama_refuses_images_stop_and_top_k() {
        assertEquals("line 11: messages[1].content[1]: Bedrock Meta Llama (InvokeModel) takes no images",
                error(() -> write(writer(LLAMA), chat("a", 11, null, conversation(true), NO_TOP_K_OR_STOP))));
        assertEquals("line 12: parameter 'stop' has no equivalent in Bedrock Meta Llama (InvokeModel); remove it or "
                        + "choose a provider that supports it",
                error(() -> write(writer(LLAMA), chat("a", 12, null, userOnly("Hi"), NO_TOP_K))));
        assertEquals("line 13: parameter 'top_k' has no equivalent in Bedrock Meta Llama (InvokeModel); remove it or "
                        + "choose a provider that supports it",
                error(() -> write(writer(LLAMA), chat("a", 13, null, userOnly("Hi"), parameters(9, null, null, 5,
                        null)))));
    }

    // ---- Mistral ----

    @Test
    void mistral_body_is_the_instruction_template_with_every_parameter() throws IOException {
        JsonNode input = write(writer(MISTRAL), chat("m-1", 1, null, conversation(false), ALL)).get("modelInput");
        assertEquals("<s>[INST] You are a terse assistant.\n\nDescribe this image.\nIt is a red square. [/INST] "
                + "A red square.</s> [INST] How big is it?\nAnswer in pixels. [/INST]", input.get("prompt").asText());
        assertEquals(512, input.get("max_tokens").asInt());
        assertEquals(0.2, input.get("temperature").asDouble());
        assertEquals(0.9, input.get("top_p").asDouble());
        assertEquals(40, input.get("top_k").asInt());
        assertEquals(json("[\"###\",\"END\"]"), input.get("stop"));
        assertEquals(6, input.size());
    }

    @Test
    void mistral_refuses_chat_only_models_and_a_leading_assistant_turn() {
        assertEquals("line 2: mistral.mistral-large-2407-v1:0 takes Mistral's chat-completion body on InvokeModel, "
                        + "which Caravan does not write; create the job with modelInvocationType=Converse",
                error(() -> write(writer("mistral.mistral-large-2407-v1:0"),
                        chat("a", 2, null, userOnly("Hi"), Parameters.NONE))));
        List<Message> assistantFirst = List.of(Message.text(Role.ASSISTANT, "Hello!"), Message.text(Role.USER, "Hi"));
        assertEquals("line 3: Mistral's prompt template starts with a user turn; the first non-system message is an "
                + "assistant message", error(() -> write(writer(MISTRAL), chat("a", 3, null, assistantFirst,
                Parameters.NONE))));
    }

    // ---- Titan ----

    @Test
    void titan_text_body_is_the_user_bot_convention() throws IOException {
        JsonNode input = write(writer(TITAN_TEXT), chat("t-1", 1, null, conversation(false), NO_TOP_K))
                .get("modelInput");
        assertEquals("You are a terse assistant.\n\nUser: Describe this image.\nIt is a red square.\nBot: A red "
                + "square.\nUser: How big is it?\nAnswer in pixels.\nBot:", input.get("inputText").asText());
        assertEquals(json("{\"maxTokenCount\":512,\"temperature\":0.2,\"topP\":0.9,\"stopSequences\":[\"###\",\"END\"]}"),
                input.get("textGenerationConfig"));
        assertEquals(2, input.size());
        JsonNode bare = write(writer(TITAN_TEXT), chat("t-2", 1, null, userOnly("Hi"), Parameters.NONE))
                .get("modelInput");
        assertEquals(json("{\"inputText\":\"User: Hi\\nBot:\",\"textGenerationConfig\":{}}"), bare);
    }

    @Test
    void titan_text_refuses_top_k() {
        assertEquals("line 4: parameter 'top_k' has no equivalent in Bedrock Amazon Titan Text (InvokeModel); remove it "
                + "or choose a provider that supports it",
                error(() -> write(writer(TITAN_TEXT), chat("a", 4, null, userOnly("Hi"), ALL))));
    }

    @Test
    void titan_embeddings_body_takes_one_input_and_v2_dimensions() throws IOException {
        Parameters dims = new Parameters(null, null, null, null, null, null, null, null, null, null,
                Map.of("dimensions", IntNode.valueOf(512), "encoding_format", TextNode.valueOf("float")));
        JsonNode line = write(writer(TITAN_EMBED), embeddings("e-1", 1, null, List.of("The quick brown fox"), dims));
        assertEquals(json("{\"recordId\":\"e-1\",\"modelInput\":{\"inputText\":\"The quick brown fox\","
                + "\"dimensions\":512}}"), line);
        JsonNode plain = write(writer("amazon.titan-embed-text-v1"),
                embeddings("e-2", 1, null, List.of("Hello"), Parameters.NONE));
        assertEquals(json("{\"recordId\":\"e-2\",\"modelInput\":{\"inputText\":\"Hello\"}}"), plain);
    }

    @Test
    void titan_embeddings_errors() {
        assertEquals("line 2: Titan embeddings take one input per request; this line has 2 (send one line per input)",
                error(() -> write(writer(TITAN_EMBED), embeddings("a", 2, null, List.of("a", "b"), Parameters.NONE))));
        Parameters dims = new Parameters(null, null, null, null, null, null, null, null, null, null,
                Map.of("dimensions", IntNode.valueOf(256)));
        assertEquals("line 3: parameter 'dimensions' has no equivalent in amazon.titan-embed-text-v1 (only Titan Text "
                        + "Embeddings V2 takes it); remove it or choose a provider that supports it",
                error(() -> write(writer("amazon.titan-embed-text-v1"), embeddings("a", 3, null, List.of("x"), dims))));
        Parameters oddDims = new Parameters(null, null, null, null, null, null, null, null, null, null,
                Map.of("dimensions", IntNode.valueOf(300)));
        assertEquals("line 4: dimensions must be 256, 512 or 1024 for Titan Text Embeddings V2",
                error(() -> write(writer(TITAN_EMBED), embeddings("a", 4, null, List.of("x"), oddDims))));
        Parameters base64 = new Parameters(null, null, null, null, null, null, null, null, null, null,
                Map.of("encoding_format", TextNode.valueOf("base64")));
        assertEquals("line 5: parameter 'encoding_format' \"base64\" has no equivalent in Bedrock Amazon Titan Text "
                        + "Embeddings (InvokeModel), which returns floats; remove it or use \"float\"",
                error(() -> write(writer(TITAN_EMBED), embeddings("a", 5, null, List.of("x"), base64))));
        Parameters normalize = new Parameters(null, null, null, null, null, null, null, null, null, null,
                Map.of("normalize", BooleanNode.TRUE, "user", TextNode.valueOf("u-1")));
        assertEquals("line 6: parameter 'user' has no equivalent in Bedrock Amazon Titan Text Embeddings (InvokeModel)"
                        + "; remove it or choose a provider that supports it",
                error(() -> write(writer(TITAN_EMBED), embeddings("a", 6, null, List.of("x"), normalize))));
    }

    // ---- model, endpoint and parameter errors shared by every family ----

    @Test
    void the_line_model_decides_the_family_and_may_be_a_profile_or_arn() throws IOException {
        RequestLineWriter noBatchModel = BedrockRequestLines.writer(ConversionSettings.forModel(null));
        JsonNode profile = write(noBatchModel, chat("p", 1, "us.anthropic.claude-3-5-haiku-20241022-v1:0",
                userOnly("Hi"), maxTokens(5)));
        assertEquals("bedrock-2023-05-31", profile.at("/modelInput/anthropic_version").asText());
        JsonNode arn = write(noBatchModel, chat("q", 2,
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0", userOnly("Hi"),
                Parameters.NONE));
        assertEquals("messages-v1", arn.at("/modelInput/schemaVersion").asText());
        // an OpenAI line whose body.model is the same Bedrock model as the batch's
        JsonNode same = write(writer(CLAUDE), chat("r", 3, CLAUDE, userOnly("Hi"), maxTokens(5)));
        assertEquals(5, same.at("/modelInput/max_tokens").asInt());
    }

    @Test
    void ids_are_kept_exactly() throws IOException {
        String id = "request-001/ä b\"c";
        assertEquals(id, write(writer(NOVA), chat(id, 1, null, userOnly("Hi"), Parameters.NONE))
                .get("recordId").asText());
    }

    @Test
    void a_responses_request_is_served_like_chat() throws IOException {
        BatchRequest responses = new BatchRequest("r-1", 1, Endpoint.RESPONSES, null, userOnly("Hi"), List.of(),
                maxTokens(20));
        assertEquals(20, write(writer(CLAUDE), responses).at("/modelInput/max_tokens").asInt());
    }

    @Test
    void model_errors_name_the_line() {
        RequestLineWriter noModel = BedrockRequestLines.writer(ConversionSettings.forModel(null));
        assertEquals("line 5: missing model: the line names none and the batch has none, and Bedrock's modelInput "
                + "depends on the model", error(() -> write(noModel, chat("a", 5, null, userOnly("Hi"),
                Parameters.NONE))));
        assertEquals("line 6: model family of cohere.command-r-v1:0 is not supported for batch conversion (Caravan "
                        + "converts Anthropic Claude, Amazon Nova, Meta Llama 3/4, Mistral AI, Amazon Titan Text and "
                        + "Titan Text Embeddings)",
                error(() -> write(writer("cohere.command-r-v1:0"), chat("a", 6, null, userOnly("Hi"), Parameters.NONE))));
        assertEquals("line 7: model family of gpt-4o-mini is not supported for batch conversion (Caravan converts "
                        + "Anthropic Claude, Amazon Nova, Meta Llama 3/4, Mistral AI, Amazon Titan Text and Titan Text "
                        + "Embeddings)",
                error(() -> write(writer(CLAUDE), chat("a", 7, "gpt-4o-mini", userOnly("Hi"), maxTokens(5)))));
        assertEquals("line 8: model " + NOVA + " (Bedrock Amazon Nova) differs from the batch model " + CLAUDE
                        + " (Bedrock Anthropic Claude); a Bedrock job runs one model, so every line must be written for it",
                error(() -> write(writer(CLAUDE), chat("a", 8, NOVA, userOnly("Hi"), maxTokens(5)))));
    }

    @Test
    void endpoint_mismatches_are_refused() {
        assertEquals("line 9: a chat request cannot go to the embedding model " + TITAN_EMBED,
                error(() -> write(writer(TITAN_EMBED), chat("a", 9, null, userOnly("Hi"), Parameters.NONE))));
        assertEquals("line 10: an embeddings request cannot go to the chat model " + CLAUDE,
                error(() -> write(writer(CLAUDE), embeddings("a", 10, null, List.of("x"), Parameters.NONE))));
        assertEquals("line 11: a Converse job cannot run the embedding model " + TITAN_EMBED
                        + "; Converse has no embeddings (use modelInvocationType=InvokeModel)",
                error(() -> write(converseWriter(TITAN_EMBED), embeddings("a", 11, null, List.of("x"), Parameters.NONE))));
    }

    @Test
    void parameters_without_a_place_are_refused_by_name() {
        assertEquals("line 12: parameter 'n' asks for 3 choices; Bedrock Anthropic Claude (InvokeModel) returns one "
                + "per request", error(() -> write(writer(CLAUDE), chat("a", 12, null, userOnly("Hi"),
                new Parameters(10, null, null, null, null, 3, null, null, null, null, Map.of())))));
        assertEquals("line 13: parameter 'response_format' asks for JSON mode, which Bedrock Amazon Nova (InvokeModel) "
                + "does not have; remove it or choose a provider that supports it",
                error(() -> write(writer(NOVA), chat("a", 13, null, userOnly("Hi"),
                        new Parameters(10, null, null, null, null, 1, true, null, null, null, Map.of())))));
        assertEquals("line 14: parameter 'seed' has no equivalent in Bedrock Anthropic Claude (InvokeModel); remove it "
                + "or choose a provider that supports it", error(() -> write(writer(CLAUDE), chat("a", 14, null,
                userOnly("Hi"), new Parameters(10, null, null, null, null, null, null, 42L, null, null, Map.of())))));
        assertEquals("line 15: parameter 'presence_penalty' has no equivalent in Bedrock Mistral AI (InvokeModel); "
                + "remove it or choose a provider that supports it", error(() -> write(writer(MISTRAL), chat("a", 15,
                null, userOnly("Hi"), new Parameters(10, null, null, null, null, null, null, null, 0.5, null,
                        Map.of())))));
        assertEquals("line 16: parameter 'frequency_penalty' has no equivalent in Bedrock Converse for " + CLAUDE
                + "; remove it or choose a provider that supports it", error(() -> write(converseWriter(CLAUDE),
                chat("a", 16, null, userOnly("Hi"), new Parameters(10, null, null, null, null, null, null, null, null,
                        0.5, Map.of())))));
        assertEquals("line 17: parameter 'logprobs' has no equivalent in Bedrock Amazon Titan Text (InvokeModel); remove "
                + "it or choose a provider that supports it", error(() -> write(writer(TITAN_TEXT), chat("a", 17, null,
                userOnly("Hi"), Lines.unmapped(Map.of("logprobs", BooleanNode.TRUE))))));
        assertEquals("line 18: parameters 'logit_bias', 'tools', 'user' have no equivalent in Bedrock Meta Llama "
                + "(InvokeModel); remove them or choose a provider that supports them",
                error(() -> write(writer(LLAMA), chat("a", 18, null, userOnly("Hi"), Lines.unmapped(Map.of(
                        "user", TextNode.valueOf("u"), "tools", json("[]"), "logit_bias", json("{}")))))));
    }

    @Test
    void harmless_values_of_n_and_json_mode_pass() throws IOException {
        Parameters harmless = new Parameters(10, null, null, null, null, 1, false, null, null, null, Map.of());
        assertEquals(10, write(writer(CLAUDE), chat("a", 1, null, userOnly("Hi"), harmless))
                .at("/modelInput/max_tokens").asInt());
    }
}
