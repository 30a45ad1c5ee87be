package dev.caravan.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchPage;
import dev.caravan.model.BatchStatus;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.RequestCounts;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.CreateBatch;
import dev.caravan.model.command.CreateJob;
import dev.caravan.model.command.GetObject;
import dev.caravan.model.command.JobRef;
import dev.caravan.model.command.ListBatches;
import dev.caravan.model.command.ListJobs;
import dev.caravan.model.job.InvocationJob;
import dev.caravan.model.job.JobCreated;
import dev.caravan.model.job.JobPage;
import dev.caravan.model.job.JobRequest;
import dev.caravan.model.object.ObjectAddress;
import dev.caravan.model.object.ObjectData;
import dev.caravan.model.object.Preconditions;
import dev.caravan.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code bedrock} provider's batches on the OpenAI Batch API: each batch is a Bedrock model invocation job.
 * A create becomes a CreateModelInvocationJob that goes through the bedrock provider's own job create path, so the
 * job's input is judged before submission ({@link JobInputGate}) and the server-side role stands in for a caller
 * that sends none; retrieve, list and cancel are Get, List and Stop on the same jobs, mapped by
 * {@link JobBatchMapping}.
 *
 * <p>Create takes, besides OpenAI's fields: {@code model} (required: a Bedrock job runs one model),
 * {@code output_s3_uri} (default: {@code <folder of the input>/batch-output/} in the input's bucket),
 * {@code role_arn} (default: {@code caravan.bedrock.role-arn}) and {@code job_name} (default:
 * {@code caravan-<yyyyMMddHHmmss>-<6 random>}, within Bedrock's jobName pattern). {@code metadata} becomes the job's
 * tags (Bedrock keeps at most 256 characters per value); it is answered on create, but Get does not return tags, so
 * a later retrieve shows none. {@code completion_window} must be OpenAI's only value, 24h, submitted as
 * {@code timeoutDurationInHours=24}.
 *
 * <p>List pages stateless over Bedrock's nextToken: OpenAI's {@code after} is a batch id; Caravan reads that job's
 * submit time and lists, newest first, the jobs submitted before it (Bedrock's submitTimeBefore, with a second of
 * slack since its bound is strict), skipping up to and including the {@code after} job. The {@code model} filter is
 * applied by Caravan (Bedrock's list has none), to the job's model id or the model at the end of its ARN.
 */
public class BedrockBatches {

    /** What this class needs of the bedrock provider's job routes. */
    public interface Jobs {
        JobCreated create(CreateJob command);

        InvocationJob get(String jobIdentifier);

        JobPage list(ListJobs command);

        void stop(String jobIdentifier);
    }

    private static final String PROVIDER = "bedrock";
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    private static final int JOBS_PAGE = 100;
    private static final int MAX_TAG_VALUE = 256;
    private static final Pattern JOB_ARN = Pattern.compile("arn:aws(-[^:]+)?:bedrock:[^:]*:[0-9]*:"
            + "model-invocation-job/[A-Za-z0-9]+");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Jobs jobs;
    private final S3ObjectStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public BedrockBatches(Jobs jobs, S3ObjectStore store, Clock clock) {
        this.jobs = jobs;
        this.store = store;
        this.clock = clock;
    }

    /** Submits the job a batch create asks for; the batch is answered as submitted, validating. */
    public Batch create(CreateBatch create) {
        ObjectAddress input = inputFile(create.inputFileId());
        String model = text(create.extra(), "model");
        if (model == null) {
            throw GatewayError.invalid("model", "Missing required parameter: 'model' (provider 'bedrock' runs each "
                    + "batch as a Bedrock job of one model; send it in extra_body, e.g. \"model\": "
                    + "\"anthropic.claude-3-sonnet-20240229-v1:0\").");
        }
        if (!JobBatchMapping.COMPLETION_WINDOW.equals(create.completionWindow())) {
            throw GatewayError.invalid("completion_window", "Invalid 'completion_window': only '24h' is supported.");
        }
        String endpoint = JobBatchMapping.endpoint(model);
        if (!endpoint.equals(create.endpoint())) {
            throw GatewayError.invalid("endpoint", "Model " + model + " runs " + endpoint + " requests on provider "
                    + "'bedrock'; the batch endpoint must be " + endpoint + ", not '" + create.endpoint() + "'.");
        }
        String output = outputUri(create.extra(), input);
        String roleArn = text(create.extra(), "role_arn");
        String jobName = text(create.extra(), "job_name");
        unknownFields(create.extra());
        JobRequest request = new JobRequest(jobName == null ? jobName() : jobName, roleArn, model,
                new JobRequest.S3Input(S3Location.uri(input), "JSONL", null),
                new JobRequest.S3Output(output, null, null), null, null, JobBatchMapping.TIMEOUT_HOURS,
                tags(create.metadata()), null);
        JobCreated created = jobs.create(new CreateJob(PROVIDER, request));
        long now = clock.instant().getEpochSecond();
        return new Batch(CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.BEDROCK, created.jobArn()), endpoint,
                model, create.inputFileId(), JobBatchMapping.COMPLETION_WINDOW, BatchStatus.VALIDATING, null, null,
                now, null, now + Duration.ofHours(JobBatchMapping.TIMEOUT_HOURS).toSeconds(), null, null, null, null,
                null, null, new RequestCounts(0, 0, 0), null, null, create.metadata());
    }

    public Batch retrieve(BatchRef ref) {
        return batch(jobs.get(jobArn(ref.batchId())));
    }

    /** Stop, then the job as it is now: cancelling while Bedrock stops it, cancelled once it has. */
    public Batch cancel(BatchRef ref) {
        String arn = jobArn(ref.batchId());
        jobs.stop(arn);
        return batch(jobs.get(arn));
    }

    public BatchPage list(ListBatches list) {
        int limit = list.limit() == null ? DEFAULT_LIMIT : list.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GatewayError.invalid("limit", "'limit' must be between 1 and " + MAX_LIMIT + ".");
        }
        String after = null;
        Instant before = null;
        if (list.after() != null && !list.after().isBlank()) {
            after = jobArnOf(list.after(), "after");
            InvocationJob last = jobs.get(after);
            before = last.submitTime() == null ? null : last.submitTime().plusSeconds(1);
        }
        String model = list.model() == null || list.model().isBlank() ? null : list.model().trim();
        List<Batch> batches = new ArrayList<>();
        boolean skipping = after != null;
        String token = null;
        do {
            JobPage page = jobs.list(new ListJobs(PROVIDER, JOBS_PAGE, token, null, null, null, before,
                    "CreationTime", "Descending"));
            for (InvocationJob job : page.jobs()) {
                if (skipping) {
                    skipping = !after.equals(job.jobArn());
                    continue;
                }
                if (model != null && !sameModel(model, job.modelId())) {
                    continue;
                }
                if (batches.size() == limit) {
                    return new BatchPage(batches, true);
                }
                batches.add(batch(job));
            }
            token = page.nextToken();
        } while (token != null);
        return new BatchPage(batches, false);
    }

    private Batch batch(InvocationJob job) {
        Optional<JobBatchMapping.JobManifest> manifest = job.status() != null && job.status().ended()
                ? JobResultsLocation.of(job).flatMap(location -> manifest(location.manifest()))
                : Optional.empty();
        return JobBatchMapping.batch(job, manifest, null);
    }

    /** The job's manifest, when Bedrock wrote one and it can be read; the batch is described without it otherwise. */
    private Optional<JobBatchMapping.JobManifest> manifest(ObjectAddress address) {
        try {
            store.requireAllowed(address.bucket());
            ObjectData data = store.get(new GetObject(PROVIDER, address, false, null, Preconditions.NONE, false));
            try (InputStream in = data.content()) {
                JsonNode json = Json.MAPPER.readTree(in);
                return Optional.of(new JobBatchMapping.JobManifest(json.path("totalRecordCount").asLong(),
                        json.path("processedRecordCount").asLong(), json.path("successRecordCount").asLong(),
                        json.path("errorRecordCount").asLong(), json.path("inputTokenCount").asLong(),
                        json.path("outputTokenCount").asLong()));
            }
        } catch (GatewayError | IOException unreadable) {
            // a missing or unreadable manifest leaves the counts the job itself reported
            return Optional.empty();
        }
    }

    /** The input file must be a bedrock file of this API (an object in an allowed bucket). */
    private ObjectAddress inputFile(String inputFileId) {
        BedrockFileId id;
        try {
            id = BedrockFileId.parse(inputFileId);
        } catch (GatewayError notBedrock) {
            throw GatewayError.notFound("input_file_id", "No such File object: " + inputFileId + " (provider "
                    + "'bedrock' runs batches from files uploaded with provider 'bedrock').");
        }
        if (!(id instanceof BedrockFileId.Stored stored)) {
            throw GatewayError.invalid("input_file_id", "File " + inputFileId + " holds a batch's results, not "
                    + "batch requests.");
        }
        try {
            store.requireAllowed(stored.address().bucket());
            // the file must exist: without it Bedrock would read the key as a prefix of other files
            store.get(new GetObject(PROVIDER, stored.address(), true, null, Preconditions.NONE, false));
        } catch (GatewayError missing) {
            if (missing.kind() == ErrorKind.NOT_FOUND || missing.kind() == ErrorKind.UNAUTHORIZED) {
                throw GatewayError.notFound("input_file_id", "No such File object: " + inputFileId);
            }
            throw missing;
        }
        return stored.address();
    }

    /** The caller's output_s3_uri, else {@code batch-output/} next to the input file. */
    private String outputUri(ObjectNode extra, ObjectAddress input) {
        String output = text(extra, "output_s3_uri");
        if (output == null) {
            String folder = input.key().substring(0, input.key().lastIndexOf('/') + 1);
            return "s3://" + input.bucket() + "/" + folder + "batch-output/";
        }
        ObjectAddress address;
        try {
            address = S3Location.parse(output);
        } catch (GatewayError notS3) {
            throw GatewayError.invalid("output_s3_uri", "'output_s3_uri' must be an S3 URI such as "
                    + "s3://my-bucket/batch-output, not '" + output + "'.");
        }
        if (!S3BucketName.valid(address.bucket())) {
            throw GatewayError.invalid("output_s3_uri", "'output_s3_uri' names no S3 bucket: '" + output + "'.");
        }
        try {
            store.requireAllowed(address.bucket());
        } catch (GatewayError denied) {
            throw new GatewayError(ErrorKind.UNAUTHORIZED, 403, "Bucket '" + address.bucket() + "' is not one "
                    + "Caravan may use for provider 'bedrock' (caravan.bedrock.s3.allowed-buckets).",
                    "output_s3_uri", "bucket_not_allowed", null);
        }
        return output;
    }

    /** Fields Caravan does not know are refused, not dropped: a caller relying on one would otherwise not know. */
    private static void unknownFields(ObjectNode extra) {
        for (String name : (Iterable<String>) () -> extra.fieldNames()) {
            if (!List.of("model", "output_s3_uri", "role_arn", "job_name").contains(name)) {
                throw GatewayError.invalid(name, "Provider 'bedrock' does not support '" + name + "' on batch "
                        + "create; it takes model, output_s3_uri, role_arn, job_name and metadata.");
            }
        }
    }

    /** OpenAI metadata as Bedrock job tags (keys up to 128 characters, values up to 256). */
    private static List<JobRequest.Tag> tags(Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return null;
        }
        List<JobRequest.Tag> tags = new ArrayList<>();
        metadata.forEach((key, value) -> {
            if (value.length() > MAX_TAG_VALUE) {
                throw GatewayError.invalid("metadata", "metadata." + key + " is " + value.length() + " characters; "
                        + "provider 'bedrock' keeps metadata as job tags, whose values hold at most " + MAX_TAG_VALUE
                        + ".");
            }
            tags.add(new JobRequest.Tag(key, value));
        });
        return tags;
    }

    private String jobName() {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return "caravan-" + STAMP.format(clock.instant()) + "-" + suffix;
    }

    private static boolean sameModel(String wanted, String modelId) {
        return modelId != null && (modelId.equals(wanted) || modelId.endsWith("/" + wanted));
    }

    private static String jobArn(String batchId) {
        return jobArnOf(batchId, "batch_id");
    }

    /** The job ARN inside a batch id of this provider; anything else names no batch. */
    static String jobArnOf(String batchId, String param) {
        if (CaravanIds.providerOf(batchId).orElse(null) == Provider.BEDROCK && batchId.startsWith("batch-")) {
            try {
                String arn = CaravanIds.nativeId(batchId);
                if (JOB_ARN.matcher(arn).matches()) {
                    return arn;
                }
            } catch (GatewayError undecodable) {
                // answered below
            }
        }
        if (param.equals("after")) {
            throw GatewayError.invalid("after", "'after' must be the id of a batch of provider 'bedrock'.");
        }
        throw GatewayError.notFound(param, "No such Batch object: " + batchId);
    }

    private static String text(ObjectNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw GatewayError.invalid(name, "Invalid type for '" + name + "': expected a string.");
        }
        return value.asText().isBlank() ? null : value.asText().trim();
    }

    /** Operation names used by the routes to call the bedrock provider's job routes. */
    static JobRef ref(Operation operation, String jobIdentifier) {
        return new JobRef(operation, PROVIDER, jobIdentifier);
    }
}
