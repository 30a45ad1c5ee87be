package dev.caravan.jsonl.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Generation parameters in the middle of every conversion. A field is null when the source line did not set it.
 * {@code unmapped} keeps every source parameter that has no field here, by its source name: a writer must either
 * carry each of them or reject the line, so nothing is dropped silently.
 */
public record Parameters(Integer maxTokens, Double temperature, Double topP, Integer topK, List<String> stop,
                         Integer n, Boolean jsonMode, Long seed, Double presencePenalty, Double frequencyPenalty,
                         Map<String, JsonNode> unmapped) {

    public static final Parameters NONE =
            new Parameters(null, null, null, null, null, null, null, null, null, null, Map.of());
}
