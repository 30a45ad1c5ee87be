package dev.caravan.jsonl.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.canonical.Parameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects a modelInput's parameters; what has no canonical field is kept in unmapped by its source path. */
final class ParametersBuilder {

    Integer maxTokens;
    Double temperature;
    Double topP;
    Integer topK;
    List<String> stop;
    private Map<String, JsonNode> unmapped;

    void unmapped(String name, JsonNode value) {
        if (unmapped == null) {
            unmapped = new LinkedHashMap<>();
        }
        unmapped.put(name, value);
    }

    Parameters build() {
        return new Parameters(maxTokens, temperature, topP, topK, stop, null, null, null, null, null,
                unmapped == null ? Map.of() : Map.copyOf(unmapped));
    }
}
