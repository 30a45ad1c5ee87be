package dev.caravan.jsonl.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.canonical.Parameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one Gemini request: its {@code generationConfig} fields read into the canonical ones, type
 * checked, and every other request field or config field kept in {@code unmapped} by the name it was written with
 * (e.g. {@code safetySettings}, {@code generation_config.thinking_config}), so a target can refuse it by name.
 */
final class GeminiParameters {

    static final String JSON_MIME_TYPE = "application/json";
    static final String TEXT_MIME_TYPE = "text/plain";

    private final int n;
    private Integer maxTokens;
    private Double temperature;
    private Double topP;
    private Integer topK;
    private List<String> stop;
    private Integer candidates;
    private Boolean jsonMode;
    private Long seed;
    private Double presencePenalty;
    private Double frequencyPenalty;
    private Map<String, JsonNode> unmapped;

    GeminiParameters(int lineNumber) {
        this.n = lineNumber;
    }

    void unmapped(String sourceName, JsonNode value) {
        if (unmapped == null) {
            unmapped = new LinkedHashMap<>();
        }
        unmapped.put(sourceName, value);
    }

    /**
     * {@code configName} is how the line spelled generationConfig, for error messages and unmapped names. Paths for
     * messages are built only when something is wrong: this runs once per line of very large files.
     */
    void generationConfig(String configName, JsonNode config) {
        if (!config.isObject()) {
            throw LineError.at(n, "request." + configName + " must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = config.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            String name = field.getKey();
            String json = ProtoFieldName.json(name);
            if (!json.equals(name)) {
                ProtoFieldName.requireOneSpelling(config, name, json, n, "request." + configName);
            }
            switch (json) {
                case "maxOutputTokens":
                    maxTokens = positiveInt(configName, name, value);
                    break;
                case "temperature":
                    temperature = number(configName, name, value);
                    break;
                case "topP":
                    topP = number(configName, name, value);
                    break;
                case "topK":
                    topK = positiveInt(configName, name, value);
                    break;
                case "stopSequences":
                    stop = strings(configName, name, value);
                    break;
                case "candidateCount":
                    candidates = positiveInt(configName, name, value);
                    break;
                case "responseMimeType":
                    responseMimeType(configName, name, value);
                    break;
                case "seed":
                    seed = (long) integer(configName, name, value);
                    break;
                case "presencePenalty":
                    presencePenalty = number(configName, name, value);
                    break;
                case "frequencyPenalty":
                    frequencyPenalty = number(configName, name, value);
                    break;
                default:
                    unmapped(configName + "." + name, value);
            }
        }
    }

    /** JSON mode is {@code application/json}; {@code text/plain} is the default, said aloud; others are Gemini's. */
    private void responseMimeType(String configName, String name, JsonNode value) {
        if (!value.isTextual()) {
            throw LineError.at(n, path(configName, name) + " must be a string");
        }
        String mimeType = value.asText();
        if (mimeType.equals(JSON_MIME_TYPE)) {
            jsonMode = true;
        } else if (mimeType.equals(TEXT_MIME_TYPE)) {
            jsonMode = false;
        } else {
            unmapped(configName + "." + name, value);
        }
    }

    Parameters parameters() {
        return new Parameters(maxTokens, temperature, topP, topK, stop, candidates, jsonMode, seed, presencePenalty,
                frequencyPenalty, unmapped == null ? Map.of() : Collections.unmodifiableMap(unmapped));
    }

    private List<String> strings(String configName, String name, JsonNode value) {
        if (!value.isArray()) {
            throw LineError.at(n, path(configName, name) + " must be an array of strings");
        }
        List<String> result = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw LineError.at(n, path(configName, name) + " must be an array of strings");
            }
            result.add(item.asText());
        }
        return result;
    }

    private int positiveInt(String configName, String name, JsonNode value) {
        int result = integer(configName, name, value);
        if (result < 1) {
            throw LineError.at(n, path(configName, name) + " must be a positive integer");
        }
        return result;
    }

    /** An int32; proto3 JSON also allows it as a decimal string, so both are read. */
    private int integer(String configName, String name, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.asInt();
        }
        if (value.isTextual()) {
            try {
                return Integer.parseInt(value.asText());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw LineError.at(n, path(configName, name) + " must be an integer");
    }

    private Double number(String configName, String name, JsonNode value) {
        if (!value.isNumber()) {
            throw LineError.at(n, path(configName, name) + " must be a number");
        }
        return value.asDouble();
    }

    private static String path(String configName, String name) {
        return "request." + configName + "." + name;
    }
}
