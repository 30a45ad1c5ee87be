package dev.caravan.sandbox.bedrock;

/**
 * A job's modelId and what it designates.
 *
 * @param modelId the id as the job was created with (a model id, an inference-profile id or an ARN)
 * @param baseId  the foundation model inside it, e.g. {@code anthropic.claude-3-sonnet-20240229-v1:0}
 */
record ResolvedModel(String modelId, String baseId, ModelFamily family) {
}
