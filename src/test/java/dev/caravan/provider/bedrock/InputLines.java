package dev.caravan.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.wire.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Realistic Bedrock batch modelInputs per family, and the plumbing to turn lines into input files. */
final class InputLines {

    static final String CLAUDE_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String SEED_MODEL = "anthropic.claude-3-sonnet-20240229-v1:0";
    static final String NOVA_MODEL = "amazon.nova-lite-v1:0";
    static final String LLAMA_MODEL = "meta.llama3-1-70b-instruct-v1:0";
    static final String MISTRAL_MODEL = "mistral.mistral-7b-instruct-v0:2";
    static final String TITAN_TEXT_MODEL = "amazon.titan-text-express-v1";
    static final String TITAN_EMBED_MODEL = "amazon.titan-embed-text-v2:0";
    static final String COHERE_MODEL = "cohere.command-r-plus-v1:0";

    /** Anthropic Messages as Bedrock documents it for Claude. */
    static final String CLAUDE = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":512,"
            + "\"system\":\"You are a concise literature tutor.\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "[{\"type\":\"text\",\"text\":\"Summarize the plot of Hamlet in two sentences.\"}]}],"
            + "\"temperature\":0.2}";
    /** Claude with tools, tool_choice, top_k and string content: valid for Bedrock though Caravan converts none. */
    static final String CLAUDE_WITH_TOOLS = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":1024,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\","
            + "\"input\":{\"city\":\"Paris\"}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
            + "\"tool_use_id\":\"toolu_01\",\"content\":\"18C, cloudy\",\"cache_control\":{\"type\":\"ephemeral\"}}]}],"
            + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Current weather for a city\",\"input_schema\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}],"
            + "\"tool_choice\":{\"type\":\"auto\"},\"top_k\":40,\"anthropic_beta\":[\"token-efficient-tools-2025-02-19\"]}";
    /** Amazon Nova messages-v1. */
    static final String NOVA = "{\"schemaVersion\":\"messages-v1\",\"system\":[{\"text\":\"Answer briefly.\"}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Name three rivers in Europe.\"}]}],"
            + "\"inferenceConfig\":{\"maxTokens\":300,\"temperature\":0.3,\"topP\":0.9,\"topK\":20}}";
    /** Llama 3 instruct template with max_gen_len. */
    static final String LLAMA = "{\"prompt\":\"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\\n\\n"
            + "What is 2 + 2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\\n\\n\",\"max_gen_len\":512,"
            + "\"temperature\":0.5,\"top_p\":0.9}";
    /** Mistral instruct template. */
    static final String MISTRAL = "{\"prompt\":\"<s>[INST] What is the capital of France? [/INST]\","
            + "\"max_tokens\":200,\"temperature\":0.5,\"top_p\":0.9,\"top_k\":50,\"stop\":[\"</s>\"]}";
    static final String TITAN_TEXT = "{\"inputText\":\"User: Write a haiku about the sea.\\nBot:\","
            + "\"textGenerationConfig\":{\"maxTokenCount\":256,\"temperature\":0.7,\"topP\":0.9,"
            + "\"stopSequences\":[\"User:\"]}}";
    static final String TITAN_EMBED = "{\"inputText\":\"The quick brown fox jumps over the lazy dog.\","
            + "\"dimensions\":512,\"normalize\":true}";
    /** Converse with system, a multi-turn conversation, every inferenceConfig member and additional fields. */
    static final String CONVERSE = "{\"system\":[{\"text\":\"Answer in one word.\"}],\"messages\":["
            + "{\"role\":\"user\",\"content\":[{\"text\":\"Capital of France?\"}]},"
            + "{\"role\":\"assistant\",\"content\":[{\"text\":\"Paris\"}]},"
            + "{\"role\":\"user\",\"content\":[{\"text\":\"And of Italy?\"}]}],"
            + "\"inferenceConfig\":{\"maxTokens\":50,\"temperature\":0.1,\"topP\":0.9,\"stopSequences\":[\"\\n\\n\"]},"
            + "\"additionalModelRequestFields\":{\"top_k\":20}}";
    static final String COHERE = "{\"message\":\"Tell me a joke.\",\"chat_history\":[],\"max_tokens\":100}";

    /** The seed document's end-to-end example, exactly as its Python writes it (json.dumps, joined by "\n"). */
    static final String SEED_FILE = seedLine(1) + "\n" + seedLine(2) + "\n" + seedLine(3);

    private InputLines() {
    }

    static String seedLine(int i) {
        return "{\"recordId\": \"request-" + i + "\", \"modelInput\": {\"messages\": [{\"role\": \"user\", "
                + "\"content\": [{\"text\": \"What is " + i + " + " + i + "? Answer briefly.\"}]}], "
                + "\"inferenceConfig\": {\"maxTokens\": 100}}}";
    }

    /** A batch line around a modelInput. */
    static String line(String recordId, String modelInput) {
        return "{\"recordId\":\"" + recordId + "\",\"modelInput\":" + modelInput + "}";
    }

    /** n lines of the same modelInput, ids r1…rn, joined by "\n" with a final newline. */
    static String lines(int n, String modelInput) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            text.append(line("r" + i, modelInput)).append('\n');
        }
        return text.toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static InputStream stream(String text) {
        return new ByteArrayInputStream(utf8(text));
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
