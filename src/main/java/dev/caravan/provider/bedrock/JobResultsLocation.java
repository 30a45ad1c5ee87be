package dev.caravan.provider.bedrock;

import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.job.InvocationJob;
import dev.caravan.model.object.ObjectAddress;
import java.util.Optional;

/**
 * Where Bedrock writes a job's results (provider-apis.md §6.5): under {@code <output s3Uri>/<jobId>/}, where jobId is
 * the ARN's last segment, one {@code <input file name>.out} per input file, and {@code manifest.json.out}. A job whose
 * input is one file has one {@code .out}, which its result files name exactly; a job whose input was a prefix has
 * one per file, and its result files name the folder.
 */
record JobResultsLocation(ObjectAddress folder, ObjectAddress records) {

    static final String MANIFEST = "manifest.json.out";
    static final String OUT = ".out";

    /** Empty when the job does not say where its input and output are. */
    static Optional<JobResultsLocation> of(InvocationJob job) {
        if (job.jobArn() == null || job.output() == null || job.output().s3Uri() == null || job.input() == null
                || job.input().s3Uri() == null) {
            return Optional.empty();
        }
        String jobId = job.jobArn().substring(job.jobArn().lastIndexOf('/') + 1);
        ObjectAddress output;
        ObjectAddress input;
        try {
            output = S3Location.parse(job.output().s3Uri());
            input = S3Location.parse(job.input().s3Uri());
        } catch (RuntimeException notS3) {
            return Optional.empty();
        }
        String prefix = output.key().isEmpty() || output.key().endsWith("/") ? output.key() : output.key() + "/";
        ObjectAddress folder = new ObjectAddress(output.bucket(), prefix + jobId + "/");
        boolean oneFile = !input.key().isEmpty() && !input.key().endsWith("/")
                && input.key().endsWith(BedrockFileName.EXTENSION);
        ObjectAddress records = oneFile ? new ObjectAddress(output.bucket(), folder.key()
                + input.key().substring(input.key().lastIndexOf('/') + 1) + OUT) : folder;
        return Optional.of(new JobResultsLocation(folder, records));
    }

    ObjectAddress manifest() {
        return new ObjectAddress(folder.bucket(), folder.key() + MANIFEST);
    }

    BedrockFileId.Results file(ResultSelection selection, String model) {
        return new BedrockFileId.Results(selection, model, records);
    }
}
