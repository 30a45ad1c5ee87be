package dev.caravan.jsonl.bedrock;

import static dev.caravan.jsonl.bedrock.Lines.CLAUDE;
import static dev.caravan.jsonl.bedrock.Lines.PNG;
import static dev.caravan.jsonl.bedrock.Lines.TITAN_EMBED;
import static dev.caravan.jsonl.bedrock.Lines.error;
import static dev.caravan.jsonl.bedrock.Lines.json;
import static dev.caravan.jsonl.bedrock.Lines.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.openai.OpenAiRequestLines;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** OpenAI batch lines, read by the OpenAI reader, written as Bedrock lines: the upload path of the bedrock surface. */
class OpenAiLinesToBedrockTest {

    private static BatchRequest openAi(ConversionSettings settings, String line, int n) {
        return OpenAiRequestLines.reader(settings).read(json(line), n);
    }

    @Test
    void a_chat_line_naming_a_bedrock_model_becomes_a_claude_body() throws IOException {
        ConversionSettings settings = ConversionSettings.forModel(null);
        BatchRequest request = openAi(settings, """
                {"custom_id":"request-1","method":"POST","url":"/v1/chat/completions","body":{
                 "model":"anthropic.claude-3-haiku-20240307-v1:0",
                 "messages":[{"role":"system","content":"You are a helpful assistant."},
                  {"role":"user","content":[{"type":"text","text":"What is in this image?"},
                   {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}}]}],
                 "max_tokens":1000,"temperature":0.7,"stop":["\\n\\n"]}}""".formatted(PNG).replace("\n", ""), 1);
        assertEquals(json("""
                {"recordId":"request-1","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":1000,
                 "system":"You are a helpful assistant.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"What is in this image?"},
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}}]}],
                 "temperature":0.7,"stop_sequences":["\\n\\n"]}}""".formatted(PNG).replace("\n", "")),
                write(BedrockRequestLines.writer(settings), request));
    }

    @Test
    void an_openai_only_parameter_is_refused_by_name_with_its_line() {
        ConversionSettings settings = ConversionSettings.forModel(CLAUDE);
        BatchRequest request = openAi(settings, "{\"custom_id\":\"request-2\",\"method\":\"POST\",\"url\":"
                + "\"/v1/chat/completions\",\"body\":{\"model\":\"" + CLAUDE + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hello world!\"}],\"max_tokens\":10,\"logprobs\":true}}", 2);
        assertEquals("line 2: parameter 'logprobs' has no equivalent in Bedrock Anthropic Claude (InvokeModel); remove "
                + "it or choose a provider that supports it",
                error(() -> write(BedrockRequestLines.writer(settings), request)));
    }

    @Test
    void an_embeddings_line_becomes_a_titan_body() throws IOException {
        ConversionSettings settings = ConversionSettings.forModel(TITAN_EMBED);
        BatchRequest request = openAi(settings, "{\"custom_id\":\"emb-1\",\"method\":\"POST\",\"url\":"
                + "\"/v1/embeddings\",\"body\":{\"model\":\"" + TITAN_EMBED + "\",\"input\":\"The food was delicious\","
                + "\"dimensions\":256,\"encoding_format\":\"float\"}}", 3);
        assertEquals(json("{\"recordId\":\"emb-1\",\"modelInput\":{\"inputText\":\"The food was delicious\","
                + "\"dimensions\":256}}"), write(BedrockRequestLines.writer(settings), request));
    }
}
