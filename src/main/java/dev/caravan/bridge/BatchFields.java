package dev.caravan.bridge;

import dev.caravan.model.Provider;

/**
 * What a provider's batch can carry of a job request, since a job's name, model and output location must survive
 * until get and list. OpenAI batches keep metadata (so everything rides there); Gemini batches keep one display name
 * and need the model named at create; Anthropic message batches keep nothing and take the model from each request.
 *
 * @param keepsJobName   the job name can be stored with the batch (metadata {@code job_name})
 * @param keepsJobFields the model id and output URI can be stored too (metadata {@code model_id},
 *                       {@code output_s3_uri})
 * @param needsModel     the model goes to the create call ({@code model})
 * @param listsPurpose   the purpose to list files with, null when every file the provider lists is a batch file
 */
record BatchFields(boolean keepsJobName, boolean keepsJobFields, boolean needsModel, String listsPurpose) {

    static final String JOB_NAME = "job_name";
    static final String MODEL_ID = "model_id";
    static final String OUTPUT_URI = "output_s3_uri";

    static BatchFields of(Provider provider) {
        return switch (provider) {
            case OPENAI -> new BatchFields(true, true, false, "batch");
            case GEMINI -> new BatchFields(true, false, true, null);
            default -> new BatchFields(false, false, false, null);
        };
    }
}
