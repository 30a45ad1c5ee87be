package dev.caravan.provider.bedrock;

/**
 * The Bedrock batch-inference quotas a job's input is checked against before it is submitted (provider-apis.md §6.5).
 * They are per model and adjustable per AWS account, so they are settings ({@link JobQuotas}), not constants.
 *
 * @param minRecordsPerJob  "Minimum number of records per batch inference job"
 * @param maxRecordsPerJob  "Records per batch inference job"
 * @param maxRecordsPerFile "Records per input file per batch inference job"
 * @param maxFileBytes      "Batch inference input file size"
 * @param maxJobBytes       "Batch inference job size"
 */
public record RecordQuotas(long minRecordsPerJob, long maxRecordsPerJob, long maxRecordsPerFile, long maxFileBytes,
                           long maxJobBytes) {

    /** The official quota names (Service Quotas console), quoted in every quota error so users can ask for more. */
    public static final String MIN_RECORDS_PER_JOB = "Minimum number of records per batch inference job";
    public static final String RECORDS_PER_JOB = "Records per batch inference job";
    public static final String RECORDS_PER_FILE = "Records per input file per batch inference job";
    public static final String FILE_SIZE = "Batch inference input file size";
    public static final String JOB_SIZE = "Batch inference job size";

    /**
     * Bedrock's documented defaults: 100 to 50 000 records per job, 50 000 per file, 1 GB per file, 5 GB per job.
     * GB is read as GiB, as AWS's S3 limits are; the per-model values vary and are overridden by settings.
     */
    public static final RecordQuotas BEDROCK_DEFAULTS = new RecordQuotas(100, 50_000, 50_000, 1L << 30, 5L << 30);

    public RecordQuotas {
        if (minRecordsPerJob < 0) {
            throw new IllegalArgumentException("minRecordsPerJob must not be negative: " + minRecordsPerJob);
        }
        positive(maxRecordsPerJob, "maxRecordsPerJob");
        positive(maxRecordsPerFile, "maxRecordsPerFile");
        positive(maxFileBytes, "maxFileBytes");
        positive(maxJobBytes, "maxJobBytes");
        if (minRecordsPerJob > maxRecordsPerJob) {
            throw new IllegalArgumentException("minRecordsPerJob " + minRecordsPerJob
                    + " is above maxRecordsPerJob " + maxRecordsPerJob);
        }
    }

    /** These quotas with another records-per-job range (what a per-model override changes). */
    public RecordQuotas withRecordsPerJob(long min, long max) {
        return new RecordQuotas(min, max, maxRecordsPerFile, maxFileBytes, maxJobBytes);
    }

    private static void positive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
