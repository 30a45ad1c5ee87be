package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CreateModelInvocationJob request that passed validation (provider-apis.md §6.2). The data and VPC configs are
 * kept as sent, for GetModelInvocationJob to echo them.
 *
 * @param clientRequestToken  null when the caller sent none (the SDKs always fill one in)
 * @param vpcConfig           null when absent
 */
record CreateJobRequest(String jobName, String roleArn, ResolvedModel model, S3Uri input, S3Uri output,
                        ObjectNode inputDataConfig, ObjectNode outputDataConfig, ObjectNode vpcConfig,
                        int timeoutDurationInHours, String modelInvocationType, ObjectNode tags,
                        String clientRequestToken) {

    static final String INVOKE_MODEL = "InvokeModel";
    static final String CONVERSE = "Converse";
    static final int DEFAULT_TIMEOUT_HOURS = 24;

    boolean converse() {
        return CONVERSE.equals(modelInvocationType);
    }

    /**
     * Whether a repeated create asks for the same job: every parameter but the token itself. The tags count: they
     * are part of what the caller asked for.
     */
    boolean sameParametersAs(CreateJobRequest other) {
        return jobName.equals(other.jobName) && roleArn.equals(other.roleArn)
                && model.modelId().equals(other.model.modelId()) && inputDataConfig.equals(other.inputDataConfig)
                && outputDataConfig.equals(other.outputDataConfig)
                && java.util.Objects.equals(vpcConfig, other.vpcConfig)
                && timeoutDurationInHours == other.timeoutDurationInHours
                && modelInvocationType.equals(other.modelInvocationType) && tags.equals(other.tags);
    }
}
