package dev.caravan.provider.gemini;

import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.canonical.BatchRequest;

/**
 * The model a batch file's lines name, checked line by line as the file converts. A Gemini batch names its model
 * once, at create ({@code models/{model}:batchGenerateContent}), and its file lines carry none; so a file for
 * provider {@code gemini} whose lines name models (OpenAI's {@code body.model}, Anthropic's {@code params.model})
 * must name one Gemini model throughout, which the batch then runs by default. Lines that name no model (Bedrock,
 * Gemini) leave it to the batch.
 */
final class LineModels {

    private String model;
    private int firstLine;

    void check(BatchRequest request) {
        if (request.model() == null) {
            return;
        }
        int n = request.lineNumber();
        if (!GeminiModelName.isGemini(request.model())) {
            throw LineError.at(n, "model \"" + request.model() + "\" is not a Gemini model; a file for provider "
                    + "'gemini' runs on a Gemini model such as " + GeminiModelName.EXAMPLE);
        }
        String bare = GeminiModelName.bare(request.model());
        if (model == null) {
            model = bare;
            firstLine = n;
        } else if (!model.equals(bare)) {
            throw LineError.at(n, "model \"" + bare + "\" differs from \"" + model + "\" on line " + firstLine
                    + "; a Gemini batch runs one model, so every line must name the same one");
        }
    }

    /** The one model the lines named, or null when none named any. */
    String model() {
        return model;
    }
}
