package dev.caravan.sandbox.bedrock;

/**
 * Runs one record through the job's engine: its modelOutput, or the error the model answered (400 for a modelInput
 * it refuses, as InvokeModel's ValidationException).
 */
final class RecordProcessor {

    /** @param inference null when the record failed */
    record Outcome(String recordId, Inference inference, int errorCode, String errorMessage) {

        boolean succeeded() {
            return inference != null;
        }
    }

    private final JobSpec spec;
    private final InferenceEngine engine;

    RecordProcessor(JobSpec spec) {
        this.spec = spec;
        this.engine = InferenceEngine.forJob(spec.request());
    }

    Outcome process(InputRecord record, S3Uri file) {
        String recordId = record.recordIdIn(spec.id(), file);
        try {
            Inference inference = engine.invoke(record.modelInput(),
                    new RecordContext(spec.id(), recordId, spec.request().model()));
            return new Outcome(recordId, inference, 0, null);
        } catch (ModelInputException refused) {
            return new Outcome(recordId, null, 400, refused.getMessage());
        }
    }
}
