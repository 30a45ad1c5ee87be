package dev.caravan.provider.gemini;

import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two kinds of file the {@code gemini} provider serves, both under self-routing ids
 * {@code file-gemini-<base64url(native)>} (DESIGN §3), told apart by the native part:
 * <ul>
 *   <li>a Gemini file, its resource name {@code files/<id>}: an uploaded batch input;</li>
 *   <li>a batch's results, {@code batches/<id>/output} (the requests that succeeded) or {@code batches/<id>/errors}
 *       (the rest): read from the batch's responses file, converted to OpenAI batch output lines. Gemini writes one
 *       responses file holding both; OpenAI callers expect two, so the id names the batch and the half.</li>
 * </ul>
 * Gemini's own names ({@code files/abc}) are taken as they are too. Anything else is no file of this provider: 404.
 */
public sealed interface GeminiFileId {

    /** The Caravan id. */
    String id();

    /** A file in Gemini's Files API. */
    record Uploaded(String name) implements GeminiFileId {

        /** Gemini's ids are up to 40 of [a-z0-9-]; a little leeway costs nothing and keeps future names working. */
        static final Pattern NAME = Pattern.compile("files/[A-Za-z0-9_-]{1,128}");

        @Override
        public String id() {
            return CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, name);
        }
    }

    /** A batch's output ({@code SUCCEEDED}) or error ({@code FAILED}) file. */
    record Results(GeminiBatchId batch, ResultSelection selection) implements GeminiFileId {

        private static final Pattern NATIVE = Pattern.compile("(" + GeminiBatchId.NAME.pattern() + ")/(output|errors)");

        public Results {
            if (selection == ResultSelection.ALL) {
                throw new IllegalArgumentException("a results file holds the output or the errors");
            }
        }

        @Override
        public String id() {
            return CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.GEMINI, batch.name()
                    + (selection == ResultSelection.SUCCEEDED ? "/output" : "/errors"));
        }

        /** The name OpenAI-style callers see: {@code <batch id>_output.jsonl} / {@code <batch id>_errors.jsonl}. */
        public String filename() {
            return batch.shortId() + (selection == ResultSelection.SUCCEEDED ? "_output.jsonl" : "_errors.jsonl");
        }
    }

    /** Reads a Caravan file id (or a Gemini file name) of this provider; one that names no such file is a 404. */
    static GeminiFileId parse(String id) {
        if (id == null) {
            throw notFound("");
        }
        String nativeId;
        if (id.startsWith("files/")) {
            nativeId = id;
        } else if (id.startsWith("file-") && CaravanIds.providerOf(id).orElse(null) == Provider.GEMINI) {
            nativeId = CaravanIds.nativeId(id);
        } else {
            throw notFound(id);
        }
        if (Uploaded.NAME.matcher(nativeId).matches()) {
            return new Uploaded(nativeId);
        }
        Matcher results = Results.NATIVE.matcher(nativeId);
        if (results.matches()) {
            return new Results(new GeminiBatchId(results.group(1)),
                    results.group(2).equals("output") ? ResultSelection.SUCCEEDED : ResultSelection.FAILED);
        }
        throw notFound(id);
    }

    static GatewayError notFound(String id) {
        return GatewayError.notFound("file_id", "No such File object: " + id);
    }
}
