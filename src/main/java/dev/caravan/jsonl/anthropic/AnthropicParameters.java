package dev.caravan.jsonl.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.canonical.Parameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Messages API parameters of one request besides messages and system: model and the sampling parameters read into
 * their canonical fields, type checked; every other one kept in {@code unmapped} by its Anthropic name.
 */
final class AnthropicParameters {

    private final int n;
    private String model;
    private Integer maxTokens;
    private Double temperature;
    private Double topP;
    private Integer topK;
    private List<String> stop;
    private Map<String, JsonNode> unmapped;

    AnthropicParameters(int lineNumber) {
        this.n = lineNumber;
    }

    String model() {
        return model;
    }

    void parameter(String name, JsonNode value) {
        switch (name) {
            case "model":
                if (!value.isTextual() || value.asText().isBlank()) {
                    throw LineError.at(n, "params." + name + " must be a non-empty string");
                }
                model = value.asText();
                break;
            case "max_tokens":
                maxTokens = integer(name, value, 1);
                break;
            case "temperature":
                temperature = number(name, value);
                break;
            case "top_p":
                topP = number(name, value);
                break;
            case "top_k":
                topK = integer(name, value, 0);
                break;
            case "stop_sequences":
                stop = strings(name, value);
                break;
            case "stream":
                // a batch request is never streamed: false changes nothing, true has no meaning elsewhere
                if (!value.isBoolean()) {
                    throw LineError.at(n, "params." + name + " must be a boolean");
                }
                if (value.asBoolean()) {
                    unmapped(name, value);
                }
                break;
            default:
                // metadata, tools, tool_choice, thinking, service_tier, container, mcp_servers...
                unmapped(name, value);
        }
    }

    void unmapped(String name, JsonNode value) {
        if (unmapped == null) {
            unmapped = new LinkedHashMap<>();
        }
        unmapped.put(name, value);
    }

    Parameters parameters() {
        return new Parameters(maxTokens, temperature, topP, topK, stop, null, null, null, null, null,
                unmapped == null ? Map.of() : Collections.unmodifiableMap(unmapped));
    }

    private int integer(String name, JsonNode value, int minimum) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < minimum) {
            throw LineError.at(n, "params." + name + " must be an integer ≥ " + minimum);
        }
        return value.asInt();
    }

    private Double number(String name, JsonNode value) {
        if (!value.isNumber()) {
            throw LineError.at(n, "params." + name + " must be a number");
        }
        return value.asDouble();
    }

    private List<String> strings(String name, JsonNode value) {
        if (!value.isArray()) {
            throw LineError.at(n, "params." + name + " must be an array of strings");
        }
        List<String> result = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw LineError.at(n, "params." + name + " must be an array of strings");
            }
            result.add(item.asText());
        }
        return result;
    }
}
