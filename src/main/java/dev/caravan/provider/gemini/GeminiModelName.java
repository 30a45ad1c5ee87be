package dev.caravan.provider.gemini;

import dev.caravan.model.GatewayError;
import java.util.regex.Pattern;

/**
 * Which model names a Gemini batch can run: the Gemini API's generative models, named bare ({@code gemini-2.5-flash})
 * or as the REST path names them ({@code models/gemini-2.5-flash}). The name goes into the create call's path
 * ({@code /v1beta/models/{model}:batchGenerateContent}), so it is held to a path-safe shape; and a model of another
 * provider ({@code gpt-4o-mini}, {@code claude-…}) is refused up front rather than sent to Gemini to fail there,
 * hours later for a file batch.
 */
final class GeminiModelName {

    /** Gemini, Gemma and LearnLM: the model families the Gemini API serves for generateContent. */
    private static final Pattern GEMINI = Pattern.compile("(gemini|gemma|learnlm)-[A-Za-z0-9._-]{1,120}");
    static final String EXAMPLE = "gemini-2.5-flash";

    private GeminiModelName() {
    }

    /** The bare name; {@code models/} is the REST path's prefix, not part of the model's name. */
    static String bare(String model) {
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    static boolean isGemini(String model) {
        return GEMINI.matcher(bare(model)).matches();
    }

    /** The caller's model for a batch, bare; a 400 naming {@code param} when it is none of Gemini's. */
    static String require(String model, String param) {
        if (!isGemini(model)) {
            throw GatewayError.invalid(param, "'" + model + "' is not a Gemini model; provider 'gemini' runs Gemini "
                    + "models such as " + EXAMPLE + ".");
        }
        return bare(model);
    }
}
