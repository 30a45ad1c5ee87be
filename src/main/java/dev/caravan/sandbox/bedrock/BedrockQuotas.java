package dev.caravan.sandbox.bedrock;

/**
 * The batch-inference quotas the emulator enforces while a job is Validating (provider-apis.md §6.5). The defaults
 * are the real service's documented defaults (provider-apis.md marks the values UNCONFIRMED: only the quota names are
 * documented as such; 100/50,000/50,000/1 GB/5 GB are the values AWS's quota pages give, while one 2024 report saw a
 * minimum of 1000); they are per model and adjustable there, settings here.
 *
 * @param minRecordsPerJob   "Minimum number of records per batch inference job" (100)
 * @param maxRecordsPerJob   "Records per batch inference job" (50,000)
 * @param maxRecordsPerFile  "Records per input file per batch inference job" (50,000)
 * @param maxInputFileBytes  "Batch inference input file size" (1 GiB)
 * @param maxJobBytes        "Batch inference job size" (5 GiB)
 */
public record BedrockQuotas(long minRecordsPerJob, long maxRecordsPerJob, long maxRecordsPerFile,
                            long maxInputFileBytes, long maxJobBytes) {

    public static final BedrockQuotas DEFAULTS = new BedrockQuotas(100, 50_000, 50_000, 1L << 30, 5L << 30);

    public BedrockQuotas {
        if (minRecordsPerJob < 1 || maxRecordsPerJob < minRecordsPerJob || maxRecordsPerFile < 1
                || maxInputFileBytes < 1 || maxJobBytes < 1) {
            throw new IllegalArgumentException("quotas need 1 <= min records <= max records and positive sizes: "
                    + this);
        }
    }

    public BedrockQuotas withMinRecordsPerJob(long min) {
        return new BedrockQuotas(min, maxRecordsPerJob, maxRecordsPerFile, maxInputFileBytes, maxJobBytes);
    }

    public BedrockQuotas withMaxRecordsPerJob(long max) {
        return new BedrockQuotas(minRecordsPerJob, max, maxRecordsPerFile, maxInputFileBytes, maxJobBytes);
    }

    public BedrockQuotas withMaxRecordsPerFile(long max) {
        return new BedrockQuotas(minRecordsPerJob, maxRecordsPerJob, max, maxInputFileBytes, maxJobBytes);
    }

    public BedrockQuotas withMaxInputFileBytes(long max) {
        return new BedrockQuotas(minRecordsPerJob, maxRecordsPerJob, maxRecordsPerFile, max, maxJobBytes);
    }

    public BedrockQuotas withMaxJobBytes(long max) {
        return new BedrockQuotas(minRecordsPerJob, maxRecordsPerJob, maxRecordsPerFile, maxInputFileBytes, max);
    }
}
