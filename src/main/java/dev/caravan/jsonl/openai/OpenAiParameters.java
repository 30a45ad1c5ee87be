package dev.caravan.jsonl.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.canonical.Parameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** The generation parameters of an OpenAI request body, checked for type, with the rest kept as unmapped. */
final class OpenAiParameters {

    private final int n;
    private Integer maxTokens;
    private Double temperature;
    private Double topP;
    private List<String> stop;
    private Integer choices;
    private Boolean jsonMode;
    private Long seed;
    private Double presencePenalty;
    private Double frequencyPenalty;
    private final Map<String, JsonNode> unmapped = new LinkedHashMap<>();

    OpenAiParameters(int lineNumber) {
        this.n = lineNumber;
    }

    /** A chat or embeddings body; {@code consumed} are the fields the caller already read. */
    Parameters read(JsonNode body, String... consumed) {
        return readFields(body, Set.of(consumed), this::chatField);
    }

    /** A Responses API body: its own names for the same parameters. */
    Parameters readResponses(JsonNode body) {
        return readFields(body, Set.of("model", "input", "instructions"), this::responsesField);
    }

    /** Every field the body sets (null means unset), except those already read, through one field reader. */
    private Parameters readFields(JsonNode body, Set<String> consumed, BiConsumer<String, JsonNode> field) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (!consumed.contains(entry.getKey()) && !entry.getValue().isNull()) {
                field.accept(entry.getKey(), entry.getValue());
            }
        }
        return parameters();
    }

    private void responsesField(String name, JsonNode value) {
        switch (name) {
            case "max_output_tokens":
                maxTokens = positiveInt(name, value);
                break;
            case "temperature":
                temperature = number(name, value);
                break;
            case "top_p":
                topP = number(name, value);
                break;
            case "text":
                textFormat(value);
                break;
            case "stream":
            case "store":
                ignorableFlag(name, value, name.equals("store"));
                break;
            default:
                unmapped.put(name, value);
        }
    }

    private void chatField(String name, JsonNode value) {
        switch (name) {
            case "max_tokens":
            case "max_completion_tokens":
                maxTokens = positiveInt(name, value);
                break;
            case "temperature":
                temperature = number(name, value);
                break;
            case "top_p":
                topP = number(name, value);
                break;
            case "stop":
                stop = stop(value);
                break;
            case "n":
                choices = positiveInt(name, value);
                break;
            case "response_format":
                responseFormat(name, value);
                break;
            case "seed":
                if (!value.canConvertToLong()) {
                    throw LineError.at(n, "body.seed must be an integer");
                }
                seed = value.asLong();
                break;
            case "presence_penalty":
                presencePenalty = number(name, value);
                break;
            case "frequency_penalty":
                frequencyPenalty = number(name, value);
                break;
            case "stream":
                ignorableFlag(name, value, false);
                break;
            default:
                unmapped.put(name, value);
        }
    }

    /** {@code stream: false} and {@code store: true} change nothing for a batch request; the other value would. */
    private void ignorableFlag(String name, JsonNode value, boolean harmless) {
        if (!value.isBoolean()) {
            throw LineError.at(n, "body." + name + " must be a boolean");
        }
        if (value.asBoolean() != harmless) {
            unmapped.put(name, value);
        }
    }

    private void responseFormat(String name, JsonNode value) {
        String type = value.path("type").asText();
        if (type.equals("json_object")) {
            jsonMode = true;
        } else if (type.equals("text")) {
            jsonMode = false;
        } else {
            // json_schema: a schema other providers would not enforce the same way
            unmapped.put(name, value);
        }
    }

    private void textFormat(JsonNode text) {
        JsonNode format = text.path("format");
        if (text.size() == 1 && format.isObject()) {
            responseFormat("text", format);
        } else {
            unmapped.put("text", text);
        }
    }

    private List<String> stop(JsonNode value) {
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            throw LineError.at(n, "body.stop must be a string or an array of strings");
        }
        List<String> sequences = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw LineError.at(n, "body.stop must be a string or an array of strings");
            }
            sequences.add(item.asText());
        }
        return sequences;
    }

    private Integer positiveInt(String name, JsonNode value) {
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw LineError.at(n, "body." + name + " must be a positive integer");
        }
        return value.asInt();
    }

    private Double number(String name, JsonNode value) {
        if (!value.isNumber()) {
            throw LineError.at(n, "body." + name + " must be a number");
        }
        return value.asDouble();
    }

    private Parameters parameters() {
        return new Parameters(maxTokens, temperature, topP, null, stop, choices, jsonMode, seed, presencePenalty,
                frequencyPenalty, Collections.unmodifiableMap(unmapped));
    }
}
