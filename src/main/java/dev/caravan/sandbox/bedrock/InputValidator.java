package dev.caravan.sandbox.bedrock;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the service checks while a job is Validating (provider-apis.md §6.4): that the input and output locations can
 * be reached, the JSONL format (every non-blank line a JSON object with a {@code modelInput} object and an optional
 * string {@code recordId}), the sizes and the record counts against the quotas. Not the modelInput against the
 * model's schema: a record the model refuses fails alone, in the results.
 *
 * <p>The input {@code s3Uri} may name one {@code .jsonl} object or a folder: UNCONFIRMED which the real service
 * accepts (provider-apis.md §6.5), so both are. A URI ending in {@code /} (or a bare bucket) is a folder, and every
 * {@code .jsonl} object directly in it is an input file, in key order; objects of other names there are ignored, and
 * so are sub-folders (their files' names could collide in the output folder). A URI without the slash is an object;
 * if there is none but the folder of that name has {@code .jsonl} objects, it is read as that folder.
 *
 * <p>Reading streams each object once, a line at a time; the records' inference outcomes are noted one bit each.
 */
final class InputValidator {

    private static final String JSONL = ".jsonl";

    private final S3Client s3;
    private final BedrockQuotas quotas;

    InputValidator(S3Client s3, BedrockQuotas quotas) {
        this.s3 = s3;
        this.quotas = quotas;
    }

    ValidationOutcome validate(JobSpec spec) {
        try {
            return ValidationOutcome.ok(plan(spec));
        } catch (Rejected rejected) {
            return ValidationOutcome.failed(rejected.getMessage());
        } catch (IOException | S3Exception e) {
            return ValidationOutcome.failed("The input could not be read from " + spec.request().input() + ": "
                    + e.getMessage());
        }
    }

    /** A reason the job fails validation. */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private InputPlan plan(JobSpec spec) throws Rejected, IOException {
        List<InputFile> located = locate(spec.request().input());
        checkOutput(spec.request().output());
        long jobBytes = 0;
        for (InputFile file : located) {
            if (file.bytes() > quotas.maxInputFileBytes()) {
                throw new Rejected("The input file " + file.location() + " has " + file.bytes() + " bytes, more than "
                        + "the quota \"Batch inference input file size\" allows (" + quotas.maxInputFileBytes()
                        + " bytes).");
            }
            jobBytes += file.bytes();
        }
        if (jobBytes > quotas.maxJobBytes()) {
            throw new Rejected("The job's input files have " + jobBytes + " bytes in total, more than the quota "
                    + "\"Batch inference job size\" allows (" + quotas.maxJobBytes() + " bytes).");
        }
        RecordProcessor processor = new RecordProcessor(spec);
        BitSet failing = new BitSet();
        List<InputFile> files = new ArrayList<>(located.size());
        int total = 0;
        for (InputFile file : located) {
            int records = 0;
            try (JsonlLines lines = new JsonlLines(s3.getObject(b -> b.bucket(file.location().bucket())
                    .key(file.location().key())))) {
                JsonlLines.Line line;
                while ((line = lines.next()) != null) {
                    InputRecord record;
                    try {
                        record = InputRecord.parse(line);
                    } catch (InputRecord.Invalid invalid) {
                        throw new Rejected("Invalid JSONL in the input file " + file.location() + ": line "
                                + line.number() + " " + invalid.getMessage() + ".");
                    }
                    records++;
                    if (records > quotas.maxRecordsPerFile()) {
                        throw new Rejected("The input file " + file.location() + " has more than "
                                + quotas.maxRecordsPerFile() + " records, the quota \"Records per input file per "
                                + "batch inference job\".");
                    }
                    if (total + records > quotas.maxRecordsPerJob()) {
                        throw new Rejected("The job has more than " + quotas.maxRecordsPerJob() + " records, the "
                                + "quota \"Records per batch inference job\".");
                    }
                    if (!processor.process(record, file.location()).succeeded()) {
                        failing.set(total + records - 1);
                    }
                }
            } catch (JsonlLines.LineTooLong tooLong) {
                throw new Rejected("Invalid JSONL in the input file " + file.location() + ": line "
                        + tooLong.lineNumber + " is longer than " + JsonlLines.MAX_LINE_BYTES + " bytes.");
            } catch (NoSuchKeyException gone) {
                throw new Rejected("The input file " + file.location() + " does not exist.");
            }
            files.add(new InputFile(file.location(), file.bytes(), records));
            total += records;
        }
        if (total < Math.max(1, quotas.minRecordsPerJob())) {
            throw new Rejected("The job has " + total + " records, fewer than the quota \"Minimum number of records "
                    + "per batch inference job\" requires (" + quotas.minRecordsPerJob() + ").");
        }
        return new InputPlan(List.copyOf(files), total, failing);
    }

    private List<InputFile> locate(S3Uri input) throws Rejected {
        try {
            if (!input.isPrefix()) {
                try {
                    HeadObjectResponse head = s3.headObject(b -> b.bucket(input.bucket()).key(input.key()));
                    if (!input.key().endsWith(JSONL)) {
                        throw new Rejected("The input file " + input + " must have the " + JSONL + " extension.");
                    }
                    return List.of(new InputFile(input, head.contentLength(), 0));
                } catch (NoSuchKeyException notAnObject) {
                    List<InputFile> folder = list(new S3Uri(input.bucket(), input.prefix()));
                    if (folder.isEmpty()) {
                        throw new Rejected("The input S3 location " + input + " does not exist.");
                    }
                    return folder;
                }
            }
            List<InputFile> folder = list(input);
            if (folder.isEmpty()) {
                throw new Rejected("The input S3 location " + input + " has no " + JSONL + " file.");
            }
            return folder;
        } catch (NoSuchBucketException e) {
            throw new Rejected("The S3 bucket " + input.bucket() + " of the input " + input + " does not exist.");
        } catch (S3Exception e) {
            throw new Rejected("The input S3 location " + input + " cannot be read with the job's role (HTTP "
                    + e.statusCode() + ").");
        }
    }

    private List<InputFile> list(S3Uri folder) {
        List<InputFile> files = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(folder.bucket())
                    .prefix(folder.key()).delimiter("/");
            if (token != null) {
                request.continuationToken(token);
            }
            ListObjectsV2Response page = s3.listObjectsV2(request.build());
            for (S3Object object : page.contents()) {
                if (object.key().endsWith(JSONL)) {
                    files.add(new InputFile(new S3Uri(folder.bucket(), object.key()), object.size(), 0));
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return files;
    }

    /** The role must reach the output bucket too; what is written there is checked when it is written. */
    private void checkOutput(S3Uri output) throws Rejected {
        try {
            s3.headBucket(b -> b.bucket(output.bucket()));
        } catch (NoSuchBucketException e) {
            throw new Rejected("The S3 bucket " + output.bucket() + " of the output " + output + " does not exist.");
        } catch (S3Exception e) {
            throw new Rejected("The output S3 location " + output + " cannot be reached with the job's role (HTTP "
                    + e.statusCode() + ").");
        }
    }
}
