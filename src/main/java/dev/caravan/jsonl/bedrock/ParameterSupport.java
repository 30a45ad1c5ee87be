package dev.caravan.jsonl.bedrock;

import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.canonical.BatchRequest;
import dev.caravan.jsonl.canonical.Parameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Which canonical parameters a Bedrock body has a place for. {@link #check} refuses every other one by its OpenAI
 * name, before anything is written: a parameter is never dropped silently. None of the Bedrock bodies has
 * candidates (n &gt; 1), a JSON mode, a seed or penalties.
 *
 * @param sampling whether the body takes max_tokens, temperature and top_p
 * @param carried  {@code unmapped} source parameters the body does carry (Titan embeddings' dimensions)
 */
record ParameterSupport(String target, boolean sampling, boolean topK, boolean stop, Set<String> carried) {

    static ParameterSupport of(String target, boolean topK, boolean stop) {
        return new ParameterSupport(target, true, topK, stop, Set.of());
    }

    void check(BatchRequest request) {
        int n = request.lineNumber();
        Parameters p = request.parameters() == null ? Parameters.NONE : request.parameters();
        if (!sampling) {
            refuse(n, "max_tokens", p.maxTokens());
            refuse(n, "temperature", p.temperature());
            refuse(n, "top_p", p.topP());
        }
        if (!topK) {
            refuse(n, "top_k", p.topK());
        }
        if (!stop && p.stop() != null && !p.stop().isEmpty()) {
            throw LineError.unsupported(n, "stop", target);
        }
        if (p.n() != null && p.n() > 1) {
            throw LineError.at(n, "parameter 'n' asks for " + p.n() + " choices; " + target
                    + " returns one per request");
        }
        if (Boolean.TRUE.equals(p.jsonMode())) {
            throw LineError.at(n, "parameter 'response_format' asks for JSON mode, which " + target
                    + " does not have; remove it or choose a provider that supports it");
        }
        refuse(n, "seed", p.seed());
        refuse(n, "presence_penalty", p.presencePenalty());
        refuse(n, "frequency_penalty", p.frequencyPenalty());
        refuseUnmapped(n, p);
    }

    private void refuse(int n, String name, Object value) {
        if (value != null) {
            throw LineError.unsupported(n, name, target);
        }
    }

    /** Names every one of them, sorted, so the caller fixes the line in one go and the message is stable. */
    private void refuseUnmapped(int n, Parameters p) {
        if (p.unmapped() == null || p.unmapped().isEmpty()) {
            return;
        }
        List<String> refused = new ArrayList<>();
        for (String name : p.unmapped().keySet()) {
            if (!carried.contains(name)) {
                refused.add(name);
            }
        }
        if (refused.size() == 1) {
            throw LineError.unsupported(n, refused.get(0), target);
        }
        if (!refused.isEmpty()) {
            Collections.sort(refused);
            throw LineError.at(n, "parameters '" + String.join("', '", refused) + "' have no equivalent in "
                    + target + "; remove them or choose a provider that supports them");
        }
    }
}
