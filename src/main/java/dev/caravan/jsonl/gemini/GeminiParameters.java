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

    /** {@code configName} is how the line spelled generationConfig, for error messages and unmapped names. */
    void generationConfig(String configName, JsonNode config) {
        if (!config.isObject()) {
            throw LineError.at(n, "request." + configName + " must be a JSON object");
        }
        String where = "request." + configName;
        for (Iterator<Map.Entry<String, JsonNode>> fields = config.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            String name = field.getKey();
            String at = where + "." + name;
            switch (ProtoFieldName.json(config, name, n, where)) {
                case "maxOutputTokens":
                    maxTokens = positiveInt(at, value);
                    break;
                case "temperature":
                    temperature = number(at, value);
                    break;
                case "topP":
                    topP = number(at, value);
                    break;
                case "topK":
                    topK = positiveInt(at, value);
                    break;
                case "stopSequences":
                    stop = strings(at, value);
                    break;
                case "candidateCount":
                    candidates = positiveInt(at, value);
                    break;
                case "responseMimeType":
                    responseMimeType(configName + "." + name, at, value);
                    break;
                case "seed":
                    seed = (long) integer(at, value);
                    break;
                case "presencePenalty":
                    presencePenalty = number(at, value);
                    break;
                case "frequencyPenalty":
                    frequencyPenalty = number(at, value);
                    break;
                default:
                    unmapped(configName + "." + name, value);
            }
        }
    }

    /** JSON mode is {@code application/json}; {@code text/plain} is the default said aloud; any other is Gemini's own. */
    private void responseMimeType(String sourceName, String at, JsonNode value) {
        if (!value.isTextual()) {
            throw LineError.at(n, at + " must be a string");
        }
        String mimeType = value.asText();
        if (mimeType.equals(JSON_MIME_TYPE)) {
            jsonMode = true;
        } else if (mimeType.equals(TEXT_MIME_TYPE)) {
            jsonMode = false;
        } else {
            unmapped(sourceName, value);
        }
    }

    Parameters parameters() {
        return new Parameters(maxTokens, temperature, topP, topK, stop, candidates, jsonMode, seed, presencePenalty,
                frequencyPenalty, unmapped == null ? Map.of() : Collections.unmodifiableMap(unmapped));
    }

    private List<String> strings(String at, JsonNode value) {
        if (!value.isArray()) {
            throw LineError.at(n, at + " must be an array of strings");
        }
        List<String> result = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw LineError.at(n, at + " must be an array of strings");
            }
            result.add(item.asText());
        }
        return result;
    }

    private int positiveInt(String at, JsonNode value) {
        int result = integer(at, value);
        if (result < 1) {
            throw LineError.at(n, at + " must be a positive integer");
        }
        return result;
    }

    /** An int32; proto3 JSON also allows it as a decimal string, so both are read. */
    private int integer(String at, JsonNode value) {
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
        throw LineError.at(n, at + " must be an integer");
    }

    private Double number(String at, JsonNode value) {
        if (!value.isNumber()) {
            throw LineError.at(n, at + " must be a number");
        }
        return value.asDouble();
    }
}
