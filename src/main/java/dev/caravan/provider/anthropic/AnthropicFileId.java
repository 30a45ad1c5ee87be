package dev.caravan.provider.anthropic;

import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two kinds of file the {@code anthropic} provider serves, both under self-routing ids
 * {@code file-anthropic-<base64url(native)>} (DESIGN §3), told apart by the native part:
 * <ul>
 *   <li>a batch's results, {@code <message batch id>/output} (the requests that succeeded) or
 *       {@code <message batch id>/errors} (the rest): read from Anthropic's results of that batch;</li>
 *   <li>an uploaded batch input, its key in Caravan's store ({@link StoredFileKey}, {@code anthropic/…}).</li>
 * </ul>
 * Anything else inside the wrapper is no file of this provider: 404.
 */
public sealed interface AnthropicFileId {

    String id();

    /** A batch's output ({@code SUCCEEDED}) or error ({@code FAILED}) file. */
    record Results(String batchId, ResultSelection selection) implements AnthropicFileId {

        private static final Pattern NATIVE = Pattern.compile("([A-Za-z0-9_-]{1,200})/(output|errors)");

        public Results {
            if (selection == ResultSelection.ALL) {
                throw new IllegalArgumentException("a results file holds the output or the errors");
            }
        }

        @Override
        public String id() {
            return CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.ANTHROPIC,
                    batchId + (selection == ResultSelection.SUCCEEDED ? "/output" : "/errors"));
        }

        /** The name OpenAI-style callers see: {@code <batch>_output.jsonl} / {@code <batch>_errors.jsonl}. */
        public String filename() {
            return batchId + (selection == ResultSelection.SUCCEEDED ? "_output.jsonl" : "_errors.jsonl");
        }
    }

    /** A batch input file kept in Caravan's store. */
    record Stored(StoredFileKey key) implements AnthropicFileId {

        @Override
        public String id() {
            return CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.ANTHROPIC, key.key());
        }
    }

    static Results results(String batchId, ResultSelection selection) {
        return new Results(batchId, selection);
    }

    /** Reads a Caravan file id of this provider; an id that names no such file is a 404 naming it. */
    static AnthropicFileId parse(String id) {
        if (CaravanIds.providerOf(id).orElse(null) != Provider.ANTHROPIC) {
            throw notFound(id);
        }
        String nativeId = CaravanIds.nativeId(id);
        Matcher results = Results.NATIVE.matcher(nativeId);
        if (results.matches()) {
            return new Results(results.group(1),
                    results.group(2).equals("output") ? ResultSelection.SUCCEEDED : ResultSelection.FAILED);
        }
        return StoredFileKey.parse(nativeId).<AnthropicFileId>map(Stored::new).orElseThrow(() -> notFound(id));
    }

    static GatewayError notFound(String id) {
        return GatewayError.notFound("file_id", "No such File object: " + id);
    }
}
