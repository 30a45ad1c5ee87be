package dev.caravan.jsonl.bedrock;

import static dev.caravan.jsonl.bedrock.ModelInputFields.nonNegativeInt;
import static dev.caravan.jsonl.bedrock.ModelInputFields.number;
import static dev.caravan.jsonl.bedrock.ModelInputFields.object;
import static dev.caravan.jsonl.bedrock.ModelInputFields.positiveInt;
import static dev.caravan.jsonl.bedrock.ModelInputFields.strings;
import static dev.caravan.jsonl.bedrock.ModelInputFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.canonical.Message;
import dev.caravan.jsonl.canonical.Role;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the prompt-string bodies: Llama, Mistral and Titan Text. A Llama or Mistral prompt that follows its template
 * exactly is parsed back into turns ({@link LlamaPrompt#parse}, {@link MistralPrompt#parse}); any other prompt, and
 * every Titan prompt (see {@link TitanPrompt}), is kept whole as one user message, so a target model still sees the
 * very text the source model would have seen.
 */
final class PromptInputReader {

    private static final String INPUT = "modelInput.";
    private static final String CONFIG = "modelInput.textGenerationConfig.";

    private PromptInputReader() {
    }

    static ModelInputContent llama(JsonNode input, int n) {
        ParametersBuilder parameters = new ParametersBuilder();
        String prompt = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = input.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            switch (name) {
                case "prompt":
                    prompt = text(value, n, INPUT, name);
                    break;
                case "max_gen_len":
                    parameters.maxTokens = positiveInt(value, n, INPUT, name);
                    break;
                case "temperature":
                    parameters.temperature = number(value, n, INPUT, name);
                    break;
                case "top_p":
                    parameters.topP = number(value, n, INPUT, name);
                    break;
                default:
                    parameters.unmapped(name, value);
            }
        }
        String text = required(prompt, n, "modelInput.prompt");
        return ModelInputContent.chat(messages(LlamaPrompt.parse(text), text), parameters.build());
    }

    static ModelInputContent mistral(JsonNode input, int n) {
        ParametersBuilder parameters = new ParametersBuilder();
        String prompt = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = input.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            switch (name) {
                case "prompt":
                    prompt = text(value, n, INPUT, name);
                    break;
                case "max_tokens":
                    parameters.maxTokens = positiveInt(value, n, INPUT, name);
                    break;
                case "temperature":
                    parameters.temperature = number(value, n, INPUT, name);
                    break;
                case "top_p":
                    parameters.topP = number(value, n, INPUT, name);
                    break;
                case "top_k":
                    parameters.topK = nonNegativeInt(value, n, INPUT, name);
                    break;
                case "stop":
                    parameters.stop = strings(value, n, INPUT, name);
                    break;
                default:
                    parameters.unmapped(name, value);
            }
        }
        String text = required(prompt, n, "modelInput.prompt");
        return ModelInputContent.chat(messages(MistralPrompt.parse(text), text), parameters.build());
    }

    static ModelInputContent titanText(JsonNode input, int n) {
        ParametersBuilder parameters = new ParametersBuilder();
        String inputText = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = input.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (name.equals("inputText")) {
                inputText = text(value, n, INPUT, name);
            } else if (name.equals("textGenerationConfig")) {
                textGenerationConfig(value, n, parameters);
            } else {
                parameters.unmapped(name, value);
            }
        }
        String text = required(inputText, n, "modelInput.inputText");
        return ModelInputContent.chat(List.of(Message.text(Role.USER, text)), parameters.build());
    }

    private static void textGenerationConfig(JsonNode config, int n, ParametersBuilder parameters) {
        object(config, n, "modelInput.textGenerationConfig");
        for (Iterator<Map.Entry<String, JsonNode>> fields = config.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "maxTokenCount":
                    parameters.maxTokens = positiveInt(value, n, CONFIG, name);
                    break;
                case "temperature":
                    parameters.temperature = number(value, n, CONFIG, name);
                    break;
                case "topP":
                    parameters.topP = number(value, n, CONFIG, name);
                    break;
                case "stopSequences":
                    parameters.stop = strings(value, n, CONFIG, name);
                    break;
                default:
                    parameters.unmapped("textGenerationConfig." + name, value);
            }
        }
    }

    /** Titan Text Embeddings: {@code inputText}; dimensions, normalize and embeddingTypes are kept by name. */
    static ModelInputContent titanEmbed(JsonNode input, int n) {
        ParametersBuilder parameters = new ParametersBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = input.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("inputText") && !field.getValue().isNull()) {
                parameters.unmapped(field.getKey(), field.getValue());
            }
        }
        return ModelInputContent.embeddings(text(input.get("inputText"), n, INPUT, "inputText"),
                parameters.build());
    }

    private static String required(String value, int n, String where) {
        if (value == null) {
            throw LineError.at(n, where + " must be a string");
        }
        return value;
    }

    private static List<Message> messages(List<Message> parsed, String prompt) {
        return parsed != null ? parsed : List.of(Message.text(Role.USER, prompt));
    }
}
