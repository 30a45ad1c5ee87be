package dev.caravan.provider.bedrock;

import dev.caravan.model.GatewayError;
import dev.caravan.model.command.CreateJob;
import dev.caravan.model.command.JobRef;
import dev.caravan.model.command.ListJobs;
import dev.caravan.model.job.InvocationJob;
import dev.caravan.model.job.JobCreated;
import dev.caravan.model.job.JobPage;
import dev.caravan.model.job.JobRequest;
import dev.caravan.model.job.JobStatus;
import dev.caravan.model.job.JobStopped;
import dev.caravan.provider.UpstreamBreaker;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.BedrockClientBuilder;
import software.amazon.awssdk.services.bedrock.model.CreateModelInvocationJobRequest;
import software.amazon.awssdk.services.bedrock.model.ListModelInvocationJobsRequest;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobInputDataConfig;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobOutputDataConfig;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobS3InputDataConfig;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobS3OutputDataConfig;
import software.amazon.awssdk.services.bedrock.model.Tag;
import software.amazon.awssdk.services.bedrock.model.VpcConfig;

/**
 * The bedrock provider's model invocation jobs: each operation is the same operation on the Bedrock control plane,
 * through AWS's own client (SigV4, rest-json, retries with backoff). Create may be retried: Bedrock makes it
 * idempotent on the clientRequestToken, which the SDK fills in when the caller sent none. A control plane that keeps
 * failing is left alone for a while behind the provider's circuit breaker.
 */
public class BedrockJobs extends ServiceSupport {

    private final BedrockJobSettings settings;
    private final SdkHttpClient http;
    private final BedrockClient bedrock;
    private final UpstreamBreaker breaker;

    public BedrockJobs(BedrockJobSettings settings) {
        this.settings = settings;
        this.breaker = new UpstreamBreaker("bedrock", "Bedrock", settings.breaker());
        this.http = ApacheHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout())
                .build();
        BedrockClientBuilder builder = BedrockClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .httpClient(http)
                .overrideConfiguration(override -> override.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts())
                                .build()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        this.bedrock = builder.build();
    }

    private static AwsCredentialsProvider credentials(BedrockJobSettings settings) {
        if (settings.accessKey().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(),
                settings.secretKey()));
    }

    /**
     * Bedrock needs a role to read the input and write the output. The documents' callers send none (DESIGN §9):
     * the server-side role stands in, and only when none is configured is its absence the caller's error.
     */
    public CreateJob withDefaultRole(CreateJob command) {
        if (command.request().roleArn() != null) {
            return command;
        }
        if (settings.roleArn().isEmpty()) {
            throw GatewayError.invalid("roleArn", "1 validation error detected: Value null at 'roleArn' failed to "
                    + "satisfy constraint: Member must not be null (no default role is configured in Caravan: set "
                    + "caravan.bedrock.role-arn, or send roleArn)");
        }
        return new CreateJob(command.requestedProvider(), command.request().withRoleArn(settings.roleArn()));
    }

    public JobCreated create(CreateJob command) {
        JobRequest request = command.request();
        CreateModelInvocationJobRequest.Builder create = CreateModelInvocationJobRequest.builder()
                .jobName(request.jobName())
                .roleArn(request.roleArn())
                .modelId(request.modelId())
                .clientRequestToken(request.clientRequestToken())
                .timeoutDurationInHours(request.timeoutDurationInHours())
                .modelInvocationType(request.modelInvocationType())
                .inputDataConfig(ModelInvocationJobInputDataConfig.fromS3InputDataConfig(
                        ModelInvocationJobS3InputDataConfig.builder()
                                .s3Uri(request.input().s3Uri())
                                .s3InputFormat(request.input().s3InputFormat())
                                .s3BucketOwner(request.input().s3BucketOwner()).build()))
                .outputDataConfig(ModelInvocationJobOutputDataConfig.fromS3OutputDataConfig(
                        ModelInvocationJobS3OutputDataConfig.builder()
                                .s3Uri(request.output().s3Uri())
                                .s3EncryptionKeyId(request.output().s3EncryptionKeyId())
                                .s3BucketOwner(request.output().s3BucketOwner()).build()));
        if (request.vpcConfig() != null) {
            create.vpcConfig(VpcConfig.builder().subnetIds(request.vpcConfig().subnetIds())
                    .securityGroupIds(request.vpcConfig().securityGroupIds()).build());
        }
        if (request.tags() != null) {
            create.tags(request.tags().stream().map(tag -> Tag.builder().key(tag.key()).value(tag.value()).build())
                    .toList());
        }
        return call(() -> new JobCreated(bedrock.createModelInvocationJob(create.build()).jobArn()));
    }

    public InvocationJob get(JobRef ref) {
        return call(() -> job(bedrock.getModelInvocationJob(get -> get.jobIdentifier(ref.jobIdentifier()))
                ::getValueForField));
    }

    public JobPage list(ListJobs list) {
        ListModelInvocationJobsRequest request = ListModelInvocationJobsRequest.builder()
                .maxResults(list.maxResults())
                .nextToken(list.nextToken())
                .statusEquals(list.statusEquals() == null ? null : list.statusEquals().wireName())
                .nameContains(list.nameContains())
                .submitTimeAfter(list.submitTimeAfter())
                .submitTimeBefore(list.submitTimeBefore())
                .sortBy(list.sortBy())
                .sortOrder(list.sortOrder())
                .build();
        return call(() -> {
            var page = bedrock.listModelInvocationJobs(request);
            List<InvocationJob> jobs = page.invocationJobSummaries().stream()
                    .map(summary -> job(summary::getValueForField)).toList();
            return new JobPage(jobs, page.nextToken());
        });
    }

    public JobStopped stop(JobRef ref) {
        return call(() -> {
            bedrock.stopModelInvocationJob(stop -> stop.jobIdentifier(ref.jobIdentifier()));
            return new JobStopped(ref.jobIdentifier());
        });
    }

    /** A Get answer and a list summary carry the same members; both are read by member name. */
    @FunctionalInterface
    interface Members {
        <T> Optional<T> get(String name, Class<T> type);
    }

    private static InvocationJob job(Members members) {
        var input = members.get("inputDataConfig", ModelInvocationJobInputDataConfig.class)
                .map(ModelInvocationJobInputDataConfig::s3InputDataConfig)
                .map(s3 -> new JobRequest.S3Input(s3.s3Uri(), s3.s3InputFormatAsString(), s3.s3BucketOwner()))
                .orElse(null);
        var output = members.get("outputDataConfig", ModelInvocationJobOutputDataConfig.class)
                .map(ModelInvocationJobOutputDataConfig::s3OutputDataConfig)
                .map(s3 -> new JobRequest.S3Output(s3.s3Uri(), s3.s3EncryptionKeyId(), s3.s3BucketOwner()))
                .orElse(null);
        var vpc = members.get("vpcConfig", VpcConfig.class)
                .map(config -> new JobRequest.VpcConfig(config.subnetIds(), config.securityGroupIds()))
                .orElse(null);
        return new InvocationJob(
                text(members, "jobArn"), text(members, "jobName"), text(members, "modelId"),
                text(members, "clientRequestToken"), text(members, "roleArn"),
                members.get("status", String.class).flatMap(JobStatus::find).orElse(null),
                text(members, "message"), time(members, "submitTime"), time(members, "lastModifiedTime"),
                time(members, "endTime"), input, output, vpc,
                members.get("timeoutDurationInHours", Integer.class).orElse(null),
                time(members, "jobExpirationTime"), text(members, "modelInvocationType"),
                new InvocationJob.RecordCounts(count(members, "totalRecordCount"),
                        count(members, "processedRecordCount"), count(members, "successRecordCount"),
                        count(members, "errorRecordCount")));
    }

    private static String text(Members members, String name) {
        return members.get(name, String.class).orElse(null);
    }

    private static Instant time(Members members, String name) {
        return members.get(name, Instant.class).orElse(null);
    }

    private static Long count(Members members, String name) {
        return members.get(name, Long.class).orElse(null);
    }

    private <T> T call(Supplier<T> operation) {
        return breaker.call(operation, BedrockFailures::translate);
    }

    @Override
    protected void doStop() {
        bedrock.close();
        http.close();
    }
}
