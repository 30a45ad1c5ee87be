package dev.caravan.provider.bedrock;

import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import dev.caravan.model.object.ObjectAddress;

/**
 * The two kinds of file the {@code bedrock} provider serves on the OpenAI surface, both under self-routing ids
 * {@code file-bedrock-<base64url(native)>} (DESIGN §3). Everything a later call needs is inside the id, so any
 * Caravan instance serves it without a database:
 * <ul>
 *   <li>an object in S3: native id {@code s3://bucket/key} (uploaded batch inputs, and any other object a listing
 *       shows);</li>
 *   <li>a job's output or error file: native id {@code output|<model>|s3://bucket/<output>/<jobId>/<input>.out} or
 *       {@code errors|…}: the {@code .out} object Bedrock wrote (or, for a job whose input was a prefix, the job's
 *       results folder ending in {@code /}, every {@code .out} in it), the selection of its records (succeeded /
 *       failed), and the job's model, which the converted chat completions name. {@code |} appears in no model id
 *       and the S3 URI comes last, so the split is unambiguous.</li>
 * </ul>
 * The bucket inside an id is checked against the allow-list on every use; an id that is not of this shape, or names
 * a bucket callers may not use, is a 404: a forged id never reads someone's bucket.
 */
public sealed interface BedrockFileId {

    String id();

    /** The S3 object (or, for results of a prefix job, the folder) this file is read from. */
    ObjectAddress address();

    /** An S3 object as a file. */
    record Stored(ObjectAddress address) implements BedrockFileId {

        @Override
        public String id() {
            return CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.BEDROCK, S3Location.uri(address));
        }
    }

    /** A job's output ({@code SUCCEEDED}) or error ({@code FAILED}) records, converted to OpenAI output lines. */
    record Results(ResultSelection selection, String model, ObjectAddress address) implements BedrockFileId {

        private static final String OUTPUT = "output";
        private static final String ERRORS = "errors";

        public Results {
            if (selection == ResultSelection.ALL) {
                throw new IllegalArgumentException("a results file holds the output or the errors");
            }
            if (model == null || model.isEmpty() || model.contains("|")) {
                throw new IllegalArgumentException("a results file names its job's model");
            }
        }

        @Override
        public String id() {
            return CaravanIds.wrap(CaravanIds.Kind.FILE, Provider.BEDROCK,
                    (selection == ResultSelection.SUCCEEDED ? OUTPUT : ERRORS) + "|" + model + "|"
                            + S3Location.uri(address));
        }

        /** Whether the results are every {@code .out} object of a folder (a job whose input was a prefix). */
        public boolean folder() {
            return address.key().isEmpty() || address.key().endsWith("/");
        }

        /** The name callers see: {@code <jobId>_output.jsonl} / {@code <jobId>_errors.jsonl}. */
        public String filename() {
            String key = address.key();
            String folder = folder() ? key.substring(0, Math.max(0, key.length() - 1))
                    : key.substring(0, Math.max(0, key.lastIndexOf('/')));
            String jobId = folder.substring(folder.lastIndexOf('/') + 1);
            return (jobId.isEmpty() ? "batch" : jobId)
                    + (selection == ResultSelection.SUCCEEDED ? "_output.jsonl" : "_errors.jsonl");
        }
    }

    /** Reads a Caravan file id of this provider; an id that names no such file is a 404 naming it. */
    static BedrockFileId parse(String id) {
        if (CaravanIds.providerOf(id).orElse(null) != Provider.BEDROCK || !id.startsWith("file-")) {
            throw notFound(id);
        }
        String nativeId = CaravanIds.nativeId(id);
        String[] parts = nativeId.split("\\|", 3);
        try {
            if (parts.length == 3 && (parts[0].equals(Results.OUTPUT) || parts[0].equals(Results.ERRORS))) {
                return new Results(parts[0].equals(Results.OUTPUT) ? ResultSelection.SUCCEEDED
                        : ResultSelection.FAILED, parts[1], object(parts[2], id));
            }
            ObjectAddress address = object(nativeId, id);
            if (address.key().isEmpty() || address.key().endsWith("/")) {
                throw notFound(id);
            }
            return new Stored(address);
        } catch (IllegalArgumentException malformed) {
            throw notFound(id);
        }
    }

    private static ObjectAddress object(String uri, String id) {
        try {
            ObjectAddress address = S3Location.parse(uri);
            if (!S3BucketName.valid(address.bucket())) {
                throw notFound(id);
            }
            return address;
        } catch (GatewayError notAnS3Uri) {
            throw notFound(id);
        }
    }

    static GatewayError notFound(String id) {
        return GatewayError.notFound("file_id", "No such File object: " + id);
    }
}
