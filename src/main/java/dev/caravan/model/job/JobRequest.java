package dev.caravan.model.job;

import java.util.List;

/**
 * What CreateModelInvocationJob asks for (provider-apis.md §6.2), as the caller sent it; null = not sent.
 * {@code modelInvocationType} is the wire value ({@code InvokeModel} / {@code Converse}).
 */
public record JobRequest(String jobName, String roleArn, String modelId, S3Input input, S3Output output,
                         String clientRequestToken, VpcConfig vpcConfig, Integer timeoutDurationInHours,
                         List<Tag> tags, String modelInvocationType) {

    public record S3Input(String s3Uri, String s3InputFormat, String s3BucketOwner) {
    }

    public record S3Output(String s3Uri, String s3EncryptionKeyId, String s3BucketOwner) {
    }

    public record VpcConfig(List<String> subnetIds, List<String> securityGroupIds) {
    }

    public record Tag(String key, String value) {
    }

    public JobRequest withRoleArn(String role) {
        return new JobRequest(jobName, role, modelId, input, output, clientRequestToken, vpcConfig,
                timeoutDurationInHours, tags, modelInvocationType);
    }

    public JobRequest withInput(S3Input newInput) {
        return new JobRequest(jobName, roleArn, modelId, newInput, output, clientRequestToken, vpcConfig,
                timeoutDurationInHours, tags, modelInvocationType);
    }

    public JobRequest withModelInvocationType(String type) {
        return new JobRequest(jobName, roleArn, modelId, input, output, clientRequestToken, vpcConfig,
                timeoutDurationInHours, tags, type);
    }
}
