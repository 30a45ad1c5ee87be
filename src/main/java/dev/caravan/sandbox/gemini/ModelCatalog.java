package dev.caravan.sandbox.gemini;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The models a batch can run on. The path's model must look like a model id (else 400); any such id makes a batch.
 *
 * <p>UNCONFIRMED choice (the reference does not say what the API does with a model it does not serve): the batch is
 * created and every request fails in its result line with 404 NOT_FOUND, the message generateContent gives for an
 * unknown model. This lets documents that still name retired models (the user docs use {@code gemini-1.5-flash})
 * run end to end and show their requests' errors, as the Anthropic emulator does with retired models.
 */
final class ModelCatalog {

    private static final Pattern MODEL_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");
    private static final Set<String> SERVED = Set.of(
            "gemini-3-pro-preview", "gemini-3-flash-preview",
            "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite",
            "gemini-2.5-flash-preview-09-2025", "gemini-2.5-flash-lite-preview-09-2025",
            "gemini-2.0-flash", "gemini-2.0-flash-001", "gemini-2.0-flash-lite", "gemini-2.0-flash-lite-001",
            "gemini-flash-latest", "gemini-flash-lite-latest", "gemini-pro-latest");

    private ModelCatalog() {
    }

    /** The path segment after {@code models/}, checked; returns the id. */
    static String checkId(String id) {
        if (!MODEL_ID.matcher(id).matches()) {
            throw ApiError.invalid("Invalid model name 'models/" + id + "'.");
        }
        return id;
    }

    static boolean serves(String id) {
        return SERVED.contains(id);
    }

    static ApiError notServed(String id) {
        return ApiError.notFound("models/" + id + " is not found for API version v1beta, or is not supported for "
                + "generateContent. Call ListModels to see the list of available models and their supported methods.");
    }
}
