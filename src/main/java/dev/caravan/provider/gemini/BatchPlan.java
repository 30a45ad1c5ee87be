package dev.caravan.provider.gemini;

/**
 * A batch to create, checked: the Gemini file it reads, its display name, and its model (null until known: the
 * caller's, else the one the file's lines named).
 */
record BatchPlan(GeminiFileId.Uploaded file, String inputFileId, String displayName, String model) {

    BatchPlan withModel(String batchModel) {
        return new BatchPlan(file, inputFileId, displayName, batchModel);
    }
}
