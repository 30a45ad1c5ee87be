package dev.caravan.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.JsonlLines;
import dev.caravan.jsonl.bedrock.BedrockModelFamily;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a Bedrock batch job's input before Caravan submits CreateModelInvocationJob, so a job Bedrock would fail
 * (quotas, wrong line format, bodies its model cannot run) is refused at once with a line-numbered error instead of
 * failing after validation or record by record.
 *
 * <p>Use: one instance per job; {@link #file} once per input file, in order; then {@link #finish}. Single pass and
 * streaming: memory holds one line, some counts and the first problem per invocation type, whatever the input size.
 * Errors are {@link GatewayError}s with param {@code inputDataConfig}: a ValidationException (400), or a 400 with
 * code {@code ServiceQuotaExceededException} for a maximum quota. Quotas are enforced as soon as they are crossed
 * (sizes before a file is read, record maximums at the line that crosses them); the minimum and the invocation type
 * need the whole job and are decided by {@link #finish}. After an error, or after finish, the check is over.
 *
 * <p>The invocation type, when the caller set none: InvokeModel (Bedrock's default) if every line is plausibly an
 * InvokeModel body of the model's family, else Converse if every line is a valid Converse request. Converse takes
 * the very same request and runs it losslessly, so documented examples that write Converse lines for a Claude model
 * without saying so (the seed document's end-to-end example) run as written. An explicit type is held to:
 * InvokeModel lines must be the family's bodies (a Converse line is refused, suggesting Converse), Converse lines
 * must be Converse requests.
 */
public final class JobInputCheck {

    private static final String PARAM = "inputDataConfig";
    private static final String QUOTA_EXCEEDED = "ServiceQuotaExceededException";

    private final String modelId;
    /** Null for a family Caravan does not know: then any JSON object passes as an InvokeModel body. */
    private final BedrockModelFamily family;
    private final ModelInvocationType declared;
    private final RecordQuotas quotas;
    /** Which types the job may still end up with; fixed at construction. */
    private final boolean invokeModelPossible;
    private final boolean conversePossible;

    /** The first line that is not an InvokeModel body / not a Converse request; null while there is none. */
    private LineProblem notInvokeModel;
    private LineProblem notConverse;
    private long records;
    private long bytes;
    private int files;
    private boolean over;

    /** One line that failed one interpretation; {@code record} orders problems across files. */
    private record LineProblem(String s3Uri, int line, long record, String problem) {

        String where() {
            return s3Uri + " line " + line;
        }
    }

    /**
     * @param modelId        the job's modelId: a model id, inference-profile id or ARN
     * @param declaredOrNull the request's modelInvocationType, or null when it set none
     * @param quotas         the quotas for this model ({@link JobQuotas#forModel})
     */
    public JobInputCheck(String modelId, ModelInvocationType declaredOrNull, RecordQuotas quotas) {
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.declared = declaredOrNull;
        this.family = BedrockModelFamily.find(modelId).orElse(null);
        if (declared == ModelInvocationType.CONVERSE && family == BedrockModelFamily.TITAN_EMBED) {
            throw GatewayError.invalid("modelInvocationType", "model " + modelId + " is an embeddings model and "
                    + "Converse has no embeddings; create the job with modelInvocationType=InvokeModel");
        }
        this.invokeModelPossible = declared != ModelInvocationType.CONVERSE;
        // Undeclared, Converse is only worth checking where InvokeModel can fail and Converse can run the model:
        // an unknown family passes every object as InvokeModel, and embeddings have no Converse.
        this.conversePossible = declared == ModelInvocationType.CONVERSE || (declared == null && family != null
                && family != BedrockModelFamily.TITAN_EMBED);
    }

    /**
     * Checks one input file of the job. {@code sizeBytes} is the object's size (from S3), checked against the file
     * and job size quotas before anything is read. {@code content} is read to its end or to the first error and is
     * not closed (the caller opened it). A read failure propagates as the UncheckedIOException JsonlLines throws.
     */
    public void file(String s3Uri, long sizeBytes, InputStream content) {
        Objects.requireNonNull(s3Uri, "s3Uri");
        Objects.requireNonNull(content, "content");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
        }
        start();
        try {
            sizes(s3Uri, sizeBytes);
            lines(s3Uri, new JsonlLines(content));
        } catch (RuntimeException e) {
            over = true;
            throw e;
        }
    }

    /**
     * The job-level checks once every file is read: at least one record, the minimum records quota, and the
     * invocation type to submit.
     */
    public JobInput finish() {
        start();
        over = true;
        if (records == 0) {
            throw GatewayError.invalid(PARAM, "The job has no records: " + (files == 0
                    ? "it has no input file" : "its input files hold no non-blank line"));
        }
        if (records < quotas.minRecordsPerJob()) {
            throw GatewayError.invalid(PARAM, "The job has " + records + (records == 1 ? " record" : " records")
                    + "; model " + modelId + " needs at least " + quotas.minRecordsPerJob() + " (quota \""
                    + RecordQuotas.MIN_RECORDS_PER_JOB + "\")");
        }
        if (declared != null) {
            return new JobInput(records, declared);
        }
        // file() refuses a job as soon as no type is left, so one of these holds
        return new JobInput(records, notInvokeModel == null
                ? ModelInvocationType.INVOKE_MODEL : ModelInvocationType.CONVERSE);
    }

    private void start() {
        if (over) {
            throw new IllegalStateException("this job's input check is over (finished or failed)");
        }
    }

    private void sizes(String s3Uri, long sizeBytes) {
        if (sizeBytes > quotas.maxFileBytes()) {
            throw quotaExceeded(s3Uri + " is " + sizeBytes + " bytes; model " + modelId + " allows at most "
                    + quotas.maxFileBytes() + " bytes per input file (quota \"" + RecordQuotas.FILE_SIZE + "\")");
        }
        // compared by subtraction: bytes never exceeds maxJobBytes, so this cannot overflow whatever the sizes
        if (sizeBytes > quotas.maxJobBytes() - bytes) {
            throw quotaExceeded("The job's input files total " + (bytes + sizeBytes) + " bytes with " + s3Uri
                    + "; model " + modelId + " allows at most " + quotas.maxJobBytes() + " bytes per job (quota \""
                    + RecordQuotas.JOB_SIZE + "\")");
        }
        bytes += sizeBytes;
        files++;
    }

    private void lines(String s3Uri, JsonlLines lines) {
        long fileRecords = 0;
        for (JsonlLines.Line line = next(s3Uri, lines); line != null; line = next(s3Uri, lines)) {
            fileRecords++;
            records++;
            if (fileRecords > quotas.maxRecordsPerFile()) {
                throw quotaExceeded(s3Uri + " has more than " + quotas.maxRecordsPerFile() + " records (record "
                        + fileRecords + " is line " + line.number() + "); model " + modelId + " allows at most "
                        + quotas.maxRecordsPerFile() + " records per input file (quota \""
                        + RecordQuotas.RECORDS_PER_FILE + "\")");
            }
            if (records > quotas.maxRecordsPerJob()) {
                throw quotaExceeded("The job has more than " + quotas.maxRecordsPerJob() + " records (record "
                        + records + " is " + s3Uri + " line " + line.number() + "); model " + modelId
                        + " allows at most " + quotas.maxRecordsPerJob() + " records per job (quota \""
                        + RecordQuotas.RECORDS_PER_JOB + "\")");
            }
            JsonNode modelInput = structure(s3Uri, line);
            shape(s3Uri, line.number(), modelInput);
        }
    }

    /** The next non-blank line; JsonlLines' own errors ("line 4: not valid JSON …") get the file's URI in front. */
    private static JsonlLines.Line next(String s3Uri, JsonlLines lines) {
        try {
            return lines.next();
        } catch (GatewayError e) {
            throw GatewayError.invalid(PARAM, s3Uri + " " + e.getMessage());
        }
    }

    /** A Bedrock batch line is {"recordId": optional non-empty string, "modelInput": {…}}; wrong ones fail at once. */
    private static JsonNode structure(String s3Uri, JsonlLines.Line line) {
        JsonNode json = line.json();
        JsonNode recordId = json.get("recordId");
        if (recordId != null && !(recordId.isTextual() && !recordId.asText().isEmpty())) {
            throw lineError(s3Uri, line.number(), "recordId must be a non-empty string");
        }
        JsonNode modelInput = json.get("modelInput");
        if (modelInput == null) {
            throw lineError(s3Uri, line.number(),
                    "modelInput is required (a Bedrock batch line is {\"recordId\": …, \"modelInput\": {…}})");
        }
        if (!modelInput.isObject()) {
            throw lineError(s3Uri, line.number(), "modelInput must be a JSON object");
        }
        return modelInput;
    }

    /** Tries the line under each type still open, and refuses the job once none is left. */
    private void shape(String s3Uri, int line, JsonNode modelInput) {
        if (invokeModelPossible && notInvokeModel == null) {
            Optional<String> problem = ModelInputShape.asInvokeModel(family, modelInput);
            if (problem.isPresent()) {
                notInvokeModel = new LineProblem(s3Uri, line, records, problem.get());
            }
        }
        if (conversePossible && notConverse == null) {
            Optional<String> problem = ModelInputShape.asConverse(modelInput);
            if (problem.isPresent()) {
                notConverse = new LineProblem(s3Uri, line, records, problem.get());
            }
        }
        boolean invokeModelLeft = invokeModelPossible && notInvokeModel == null;
        boolean converseLeft = conversePossible && notConverse == null;
        if (!invokeModelLeft && !converseLeft) {
            throw GatewayError.invalid(PARAM, noTypeLeft(modelInput));
        }
    }

    /** The message once the lines fit no invocation type; the current line is the one that failed last. */
    private String noTypeLeft(JsonNode modelInput) {
        if (declared == ModelInvocationType.INVOKE_MODEL || (declared == null && notConverse == null)) {
            String message = notInvokeModel.where() + ": " + notInvokeModel.problem() + " (model " + modelId + ")";
            if (declared != null && family != BedrockModelFamily.TITAN_EMBED
                    && ModelInputShape.asConverse(modelInput).isEmpty()) {
                message += "; the line is a valid Converse request: create the job with "
                        + "modelInvocationType=Converse";
            }
            return message;
        }
        if (declared == ModelInvocationType.CONVERSE) {
            String message = notConverse.where() + ": " + notConverse.problem() + " (model " + modelId
                    + ", modelInvocationType=Converse)";
            if (family != null && ModelInputShape.asInvokeModel(family, modelInput).isEmpty()) {
                message += "; the line is an InvokeModel body for " + ModelInputShape.familyName(family)
                        + ": create the job with modelInvocationType=InvokeModel";
            }
            return message;
        }
        // Neither type fits: report the one that held longer (the one the file was most likely written for).
        boolean converseFirst = notConverse.record() > notInvokeModel.record();
        LineProblem primary = converseFirst ? notConverse : notInvokeModel;
        LineProblem other = converseFirst ? notInvokeModel : notConverse;
        return primary.where() + ": " + primary.problem() + " (model " + modelId + "; the lines are neither all "
                + "InvokeModel bodies nor all Converse requests, and read as "
                + (converseFirst ? "InvokeModel bodies" : "Converse requests") + " " + other.where() + " fails: "
                + other.problem() + ")";
    }

    private static GatewayError lineError(String s3Uri, int line, String problem) {
        return GatewayError.invalid(PARAM, s3Uri + " line " + line + ": " + problem);
    }

    private static GatewayError quotaExceeded(String message) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, message, PARAM, QUOTA_EXCEEDED, null);
    }
}
