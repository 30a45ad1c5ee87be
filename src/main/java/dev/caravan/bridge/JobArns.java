package dev.caravan.bridge;

import dev.caravan.model.CaravanIds;
import dev.caravan.model.Provider;

/**
 * The one ARN form of a job another provider runs (DESIGN §3), {@code
 * arn:aws:bedrock:<region>:<account>:model-invocation-job/<provider>-<base64url(native batch id)>}: create, get and
 * list all answer it, and get and stop read the batch back out of it, so no instance needs to remember a job.
 *
 * @param region  the region the ARNs name (caravan.bedrock.region)
 * @param account the twelve-digit account the ARNs name; no AWS account owns these jobs
 */
record JobArns(String region, String account) {

    String arn(Provider provider, String batchId) {
        return "arn:aws:bedrock:" + region + ":" + account + ":model-invocation-job/"
                + CaravanIds.token(CaravanIds.Kind.BATCH, provider, CaravanIds.nativeId(batchId));
    }

    /** The Caravan batch id a job identifier (ARN or bare id) stands for; a 404 when Caravan did not make it. */
    String batchId(Provider provider, String jobIdentifier) {
        String nativeId = CaravanIds.nativeJobId(jobIdentifier);
        return provider == Provider.OPENAI ? nativeId : CaravanIds.wrap(CaravanIds.Kind.BATCH, provider, nativeId);
    }
}
