package dev.caravan.model.job;

import java.time.Instant;

/**
 * A model invocation job as GetModelInvocationJob and the list's summaries describe it (provider-apis.md §6.3),
 * whichever provider runs it. Null members are absent on the wire; the record counts are top-level, as the real API
 * has them (there is no {@code statistics} member, DESIGN §9).
 */
public record InvocationJob(String jobArn, String jobName, String modelId, String clientRequestToken, String roleArn,
                            JobStatus status, String message, Instant submitTime, Instant lastModifiedTime,
                            Instant endTime, JobRequest.S3Input input, JobRequest.S3Output output,
                            JobRequest.VpcConfig vpcConfig, Integer timeoutDurationInHours,
                            Instant jobExpirationTime, String modelInvocationType, RecordCounts counts) {

    /** Bedrock's four record counts; each null when the upstream did not report it. */
    public record RecordCounts(Long total, Long processed, Long success, Long error) {

        public static final RecordCounts NONE = new RecordCounts(null, null, null, null);
    }
}
