package dev.caravan.jsonl.bedrock;

import static dev.caravan.jsonl.bedrock.Lines.CLAUDE;
import static dev.caravan.jsonl.bedrock.Lines.LLAMA;
import static dev.caravan.jsonl.bedrock.Lines.MISTRAL;
import static dev.caravan.jsonl.bedrock.Lines.NOVA;
import static dev.caravan.jsonl.bedrock.Lines.PNG;
import static dev.caravan.jsonl.bedrock.Lines.TITAN_EMBED;
import static dev.caravan.jsonl.bedrock.Lines.TITAN_TEXT;
import static dev.caravan.jsonl.bedrock.Lines.error;
import static dev.caravan.jsonl.bedrock.Lines.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.RequestLineReader;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Endpoint;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Parameters;
import dev.caravan.jsonl.canonical.Part;
import dev.caravan.jsonl.canonical.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BedrockRequestReaderTest {

    private static RequestLineReader reader(String batchModel) {
        return BedrockRequestLines.reader(ConversionSettings.forModel(batchModel));
    }

    private static BatchRequest read(String batchModel, String line, int n) {
        return reader(batchModel).read(json(line), n);
    }

    @Test
    void the_seed_documents_converse_line() {
        BatchRequest request = read(NOVA, "{\"recordId\":\"request-1\",\"modelInput\":{\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"text\":\"Hello\"}]}],\"inferenceConfig\":{\"maxTokens\":100}}}", 1);
        assertEquals("request-1", request.id());
        assertEquals(1, request.lineNumber());
        assertEquals(Endpoint.CHAT_COMPLETIONS, request.endpoint());
        assertEquals(NOVA, request.model());
        assertEquals(List.of(Message.text(Role.USER, "Hello")), request.messages());
        assertEquals(List.of(), request.inputs());
        assertEquals(Lines.maxTokens(100), request.parameters());
    }

    @Test
    void a_batch_without_a_model_reads_with_a_null_model() {
        BatchRequest request = read(null, "{\"recordId\":\"r\",\"modelInput\":{\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"text\":\"Hi\"}]}]}}", 1);
        assertNull(request.model());
        assertEquals(Parameters.NONE, request.parameters());
    }

    @Test
    void claude_body() {
        BatchRequest request = read(CLAUDE, """
                {"recordId":"CALL0000001","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,
                 "system":"You are a terse assistant.",
                 "messages":[
                  {"role":"user","content":[{"type":"text","text":"Describe this image."},
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}}]},
                  {"role":"assistant","content":"A red square."},
                  {"role":"user","content":[{"type":"text","text":"How big is it?"}]}],
                 "temperature":0.5,"top_p":0.95,"top_k":250,"stop_sequences":["\\n\\nHuman:"],
                 "metadata":{"user_id":"u-42"}}}""".formatted(PNG).replace("\n", ""), 3);
        assertEquals("CALL0000001", request.id());
        assertEquals(List.of(
                Message.text(Role.SYSTEM, "You are a terse assistant."),
                new Message(Role.USER, List.of(new Part.Text("Describe this image."),
                        new Part.Image("image/png", PNG, null))),
                Message.text(Role.ASSISTANT, "A red square."),
                Message.text(Role.USER, "How big is it?")), request.messages());
        Parameters p = request.parameters();
        assertEquals(1024, p.maxTokens());
        assertEquals(0.5, p.temperature());
        assertEquals(0.95, p.topP());
        assertEquals(250, p.topK());
        assertEquals(List.of("\n\nHuman:"), p.stop());
        assertEquals(Map.of("metadata", json("{\"user_id\":\"u-42\"}")), p.unmapped());
    }

    @Test
    void claude_system_blocks_and_url_images() {
        BatchRequest request = read(CLAUDE, "{\"recordId\":\"r\",\"modelInput\":{\"anthropic_version\":\"bedrock-2023-05-31\","
                + "\"max_tokens\":10,\"system\":[{\"type\":\"text\",\"text\":\"One.\"},{\"type\":\"text\",\"text\":\"Two.\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\","
                + "\"url\":\"https://example.com/a.png\"}}]}]}}", 1);
        assertEquals(new Message(Role.SYSTEM, List.of(new Part.Text("One."), new Part.Text("Two."))),
                request.messages().get(0));
        assertEquals(new Message(Role.USER, List.of(new Part.Image(null, null, "https://example.com/a.png"))),
                request.messages().get(1));
    }

    @Test
    void nova_body() {
        BatchRequest request = read(NOVA, """
                {"recordId":"nova-7","modelInput":{"schemaVersion":"messages-v1",
                 "system":[{"text":"You are a terse assistant."}],
                 "messages":[
                  {"role":"user","content":[{"text":"Describe this image."},
                    {"image":{"format":"jpeg","source":{"bytes":"/9j/4AAQ"}}}]},
                  {"role":"assistant","content":[{"text":"A red square."}]},
                  {"role":"user","content":[{"text":"How big is it?"},{"text":"In pixels."}]}],
                 "inferenceConfig":{"maxTokens":300,"temperature":0.3,"topP":0.8,"topK":20,"stopSequences":["END"],
                   "reasoningConfig":{"type":"enabled"}},
                 "toolConfig":{"tools":[]}}}""".replace("\n", ""), 2);
        assertEquals(List.of(
                Message.text(Role.SYSTEM, "You are a terse assistant."),
                new Message(Role.USER, List.of(new Part.Text("Describe this image."),
                        new Part.Image("image/jpeg", "/9j/4AAQ", null))),
                Message.text(Role.ASSISTANT, "A red square."),
                new Message(Role.USER, List.of(new Part.Text("How big is it?"), new Part.Text("In pixels.")))),
                request.messages());
        Parameters p = request.parameters();
        assertEquals(300, p.maxTokens());
        assertEquals(0.3, p.temperature());
        assertEquals(0.8, p.topP());
        assertEquals(20, p.topK());
        assertEquals(List.of("END"), p.stop());
        assertEquals(Map.of("inferenceConfig.reasoningConfig", json("{\"type\":\"enabled\"}"),
                "toolConfig", json("{\"tools\":[]}")), p.unmapped());
    }

    @Test
    void converse_additional_fields() {
        BatchRequest claude = read(CLAUDE, "{\"recordId\":\"r\",\"modelInput\":{\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"text\":\"Hi\"}]}],\"additionalModelRequestFields\":{\"top_k\":200,"
                + "\"thinking\":{\"type\":\"enabled\"}}}}", 1);
        assertEquals(200, claude.parameters().topK());
        assertEquals(Map.of("additionalModelRequestFields.thinking", json("{\"type\":\"enabled\"}")),
                claude.parameters().unmapped());
        BatchRequest nova = read(NOVA, "{\"recordId\":\"r\",\"modelInput\":{\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"text\":\"Hi\"}]}],\"additionalModelRequestFields\":{\"inferenceConfig\":{\"topK\":7}}}}", 1);
        assertEquals(7, nova.parameters().topK());
    }

    @Test
    void llama_template_is_parsed_into_turns() {
        String prompt = "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\\n\\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\\n\\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\\n\\nHello.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\\n\\nWho are you?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\\n\\n";
        BatchRequest request = read(LLAMA, "{\"recordId\":\"l-1\",\"modelInput\":{\"prompt\":\"" + prompt
                + "\",\"max_gen_len\":512,\"temperature\":0.5,\"top_p\":0.9,\"images\":[\"" + PNG + "\"]}}", 4);
        assertEquals(List.of(Message.text(Role.SYSTEM, "Be brief."), Message.text(Role.USER, "Hi"),
                Message.text(Role.ASSISTANT, "Hello."), Message.text(Role.USER, "Who are you?")), request.messages());
        assertEquals(512, request.parameters().maxTokens());
        assertEquals(0.5, request.parameters().temperature());
        assertEquals(0.9, request.parameters().topP());
        assertEquals(Map.of("images", json("[\"" + PNG + "\"]")), request.parameters().unmapped());
    }

    @Test
    void a_prompt_that_is_not_the_template_is_one_raw_user_message() {
        String prompt = "Summarize the following call transcript: ...";
        BatchRequest llama = read(LLAMA, "{\"recordId\":\"l\",\"modelInput\":{\"prompt\":\"" + prompt + "\"}}", 1);
        assertEquals(List.of(Message.text(Role.USER, prompt)), llama.messages());
        String broken = "<|begin_of_text|><|start_header_id|>user<|end_header_id|>Hi<|eot_id|>";
        BatchRequest notQuite = read(LLAMA, "{\"recordId\":\"l\",\"modelInput\":{\"prompt\":\"" + broken
                + "\",\"max_gen_len\":9}}", 1);
        assertEquals(List.of(Message.text(Role.USER, broken)), notQuite.messages());
        BatchRequest mistral = read(MISTRAL, "{\"recordId\":\"m\",\"modelInput\":{\"prompt\":\"[INST] a [INST] b\"}}", 1);
        assertEquals(List.of(Message.text(Role.USER, "[INST] a [INST] b")), mistral.messages());
    }

    @Test
    void mistral_template_is_parsed_into_turns() {
        BatchRequest request = read(MISTRAL, """
                {"recordId":"m-1","modelInput":{"prompt":"<s>[INST] What is your favourite condiment? [/INST] Well, \
                I'm quite partial to lemon juice.</s> [INST] Do you have mayonnaise recipes? [/INST]",
                 "max_tokens":400,"temperature":0.7,"top_p":0.9,"top_k":50,"stop":["</s>"]}}""".replace("\n", ""), 5);
        assertEquals(List.of(Message.text(Role.USER, "What is your favourite condiment?"),
                Message.text(Role.ASSISTANT, "Well, I'm quite partial to lemon juice."),
                Message.text(Role.USER, "Do you have mayonnaise recipes?")), request.messages());
        assertEquals(Lines.parameters(400, 0.7, 0.9, 50, List.of("</s>")), request.parameters());
    }

    @Test
    void a_bare_prompt_is_llama_when_the_batch_model_is_llama() {
        String line = "{\"recordId\":\"x\",\"modelInput\":{\"prompt\":\"Hi\",\"temperature\":0.1,\"top_k\":3}}";
        // Mistral reads top_k; Llama has no top_k, so it is kept as unmapped
        assertEquals(3, read(MISTRAL, line, 1).parameters().topK());
        assertEquals(Map.of("top_k", IntNode.valueOf(3)), read(LLAMA, line, 1).parameters().unmapped());
    }

    @Test
    void titan_text_is_one_raw_user_message() {
        BatchRequest request = read(TITAN_TEXT, "{\"recordId\":\"3223593EFGH\",\"modelInput\":{\"inputText\":"
                + "\"User: Roses are red, violets are\\nBot:\",\"textGenerationConfig\":{\"maxTokenCount\":50,"
                + "\"temperature\":0.7,\"topP\":0.9,\"stopSequences\":[\"|\"]}}}", 6);
        assertEquals(List.of(Message.text(Role.USER, "User: Roses are red, violets are\nBot:")), request.messages());
        assertEquals(Lines.parameters(50, 0.7, 0.9, null, List.of("|")), request.parameters());
        // without textGenerationConfig, the batch model says whether inputText is Titan Text or embeddings
        BatchRequest bare = read(TITAN_TEXT, "{\"recordId\":\"1223213ABCD\",\"modelInput\":{\"inputText\":\"Hello world\"}}", 7);
        assertEquals(Endpoint.CHAT_COMPLETIONS, bare.endpoint());
        assertEquals(List.of(Message.text(Role.USER, "Hello world")), bare.messages());
    }

    @Test
    void titan_embeddings() {
        BatchRequest request = reader(TITAN_EMBED).read(json("{\"recordId\":\"e-1\",\"modelInput\":{\"inputText\":"
                + "\"The quick brown fox\",\"dimensions\":256,\"normalize\":true}}"), 8);
        assertEquals(Endpoint.EMBEDDINGS, request.endpoint());
        assertEquals(List.of("The quick brown fox"), request.inputs());
        assertEquals(List.of(), request.messages());
        assertEquals(Map.of("dimensions", IntNode.valueOf(256), "normalize", BooleanNode.TRUE),
                request.parameters().unmapped());
    }

    @Test
    void line_errors() {
        assertEquals("line 2: recordId is required (a non-empty string): results are matched to requests by it",
                error(() -> read(NOVA, "{\"modelInput\":{\"messages\":[]}}", 2)));
        assertEquals("line 3: recordId is required (a non-empty string): results are matched to requests by it",
                error(() -> read(NOVA, "{\"recordId\":\"\",\"modelInput\":{}}", 3)));
        assertEquals("line 4: modelInput must be a JSON object",
                error(() -> read(NOVA, "{\"recordId\":\"r\",\"modelInput\":\"Hello\"}", 4)));
        assertEquals("line 5: modelInput has no shape Caravan recognises; expected an Anthropic Claude body "
                        + "(anthropic_version), a Nova or Converse request (messages), a Llama or Mistral prompt (prompt) "
                        + "or a Titan body (inputText)",
                error(() -> read(NOVA, "{\"recordId\":\"r\",\"modelInput\":{\"texts\":[\"a\"]}}", 5)));
        assertEquals("line 6: modelInput.messages must be a non-empty array",
                error(() -> read(CLAUDE, "{\"recordId\":\"r\",\"modelInput\":{\"anthropic_version\":"
                        + "\"bedrock-2023-05-31\",\"max_tokens\":5}}", 6)));
        assertEquals("line 7: modelInput.messages[0].role must be \"user\" or \"assistant\"",
                error(() -> read(NOVA, "{\"recordId\":\"r\",\"modelInput\":{\"messages\":[{\"role\":\"system\","
                        + "\"content\":[{\"text\":\"x\"}]}]}}", 7)));
        assertEquals("line 8: modelInput.temperature must be a number",
                error(() -> read(CLAUDE, "{\"recordId\":\"r\",\"modelInput\":{\"anthropic_version\":"
                        + "\"bedrock-2023-05-31\",\"max_tokens\":5,\"temperature\":\"hot\",\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"x\"}]}}", 8)));
        assertEquals("line 9: modelInput.inferenceConfig.maxTokens must be a positive integer",
                error(() -> read(NOVA, "{\"recordId\":\"r\",\"modelInput\":{\"messages\":[{\"role\":\"user\","
                        + "\"content\":[{\"text\":\"x\"}]}],\"inferenceConfig\":{\"maxTokens\":0}}}", 9)));
        assertEquals("line 10: modelInput.messages[0].content[0].cache_control has no equivalent outside this Bedrock "
                        + "model family",
                error(() -> read(CLAUDE, "{\"recordId\":\"r\",\"modelInput\":{\"anthropic_version\":"
                        + "\"bedrock-2023-05-31\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}}", 10)));
        assertEquals("line 11: modelInput.messages[0].content[0].type \"tool_result\" has no equivalent outside Claude",
                error(() -> read(CLAUDE, "{\"recordId\":\"r\",\"modelInput\":{\"anthropic_version\":"
                        + "\"bedrock-2023-05-31\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"tool_result\",\"tool_use_id\":\"t\"}]}]}}", 11)));
        assertEquals("line 12: modelInput.messages[0].content[0]: content block \"document\" has no equivalent outside "
                        + "Bedrock",
                error(() -> read(NOVA, "{\"recordId\":\"r\",\"modelInput\":{\"messages\":[{\"role\":\"user\","
                        + "\"content\":[{\"document\":{}}]}]}}", 12)));
        assertEquals("line 13: modelInput.messages[0].content[0].image.format must be jpeg, png, gif or webp",
                error(() -> read(NOVA, "{\"recordId\":\"r\",\"modelInput\":{\"messages\":[{\"role\":\"user\","
                        + "\"content\":[{\"image\":{\"format\":\"tiff\",\"source\":{\"bytes\":\"AA==\"}}}]}]}}", 13)));
        assertEquals("line 14: modelInput.prompt must be a string",
                error(() -> read(MISTRAL, "{\"recordId\":\"r\",\"modelInput\":{\"prompt\":42}}", 14)));
    }

    @Test
    void endpoint_mismatches_name_the_line() {
        RequestLineReader embeddingsBatch = BedrockRequestLines.reader(
                ConversionSettings.forModel(CLAUDE).withEndpoint(Endpoint.EMBEDDINGS));
        assertEquals("line 2: modelInput is a chat request, but the batch endpoint is /v1/embeddings",
                error(() -> embeddingsBatch.read(json("{\"recordId\":\"r\",\"modelInput\":{\"messages\":"
                        + "[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}}"), 2)));
        RequestLineReader chatBatch = BedrockRequestLines.reader(
                ConversionSettings.forModel(null).withEndpoint(Endpoint.CHAT_COMPLETIONS));
        assertEquals("line 3: modelInput is an embeddings request, but the batch endpoint is /v1/chat/completions",
                error(() -> chatBatch.read(json("{\"recordId\":\"r\",\"modelInput\":{\"inputText\":\"Hi\"}}"), 3)));
        RequestLineReader responsesBatch = BedrockRequestLines.reader(
                ConversionSettings.forModel(NOVA).withEndpoint(Endpoint.RESPONSES));
        assertEquals(Endpoint.RESPONSES, responsesBatch.read(json("{\"recordId\":\"r\",\"modelInput\":{\"messages\":"
                + "[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}}"), 1).endpoint());
    }
}
