package dev.caravan.sandbox.bedrock;

/**
 * What a job is, fixed at creation.
 *
 * @param id       the 12-character job id, the ARN's suffix and the output folder's name
 * @param sequence creation order: ties between equal submit times, and the order jobs get capacity in
 */
record JobSpec(String id, String arn, CreateJobRequest request, long submitMillis, long expirationMillis,
               long sequence) {

    static String arn(String region, String accountId, String id) {
        return "arn:aws:bedrock:" + region + ":" + accountId + ":model-invocation-job/" + id;
    }
}
