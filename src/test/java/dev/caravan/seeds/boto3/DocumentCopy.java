package dev.caravan.seeds.boto3;

/**
 * The three vendors' copies of the boto3 "Files and Batch API" page (seeds 000, 002, 003). They are the same page
 * except for the vendor name the examples put into S3 keys, job names and the {@code source} tag, so every example
 * that carries one of those values runs once per copy.
 *
 * <p>Copy 003 also writes {@code int(time.time)}, {@code jsonl_content.encode} and
 * {@code response["Body"].read.decode(...)} without the call parentheses: errors in the page itself (TypeError,
 * ParamValidationError, AttributeError, raised by Python or boto3 before or after the request, never by a gateway).
 * The tests use the values those expressions plainly mean (the epoch seconds, the encoded content, the body read), as
 * 000 and 002 write them. 003's endpoint is {@code {AI_GATEWAY_URL}/bedrock/...}, 000's and 002's
 * {@code http://localhost:8080/bedrock/...}: here, Caravan's address. Copy 000 shows only the Bedrock tab of each
 * tabbed example; 002 and 003 show every tab.
 */
enum DocumentCopy {
    DEEPINTSHIELD("000", "deepintshield"),
    BIFROST("002", "bifrost"),
    FINOPS("003", "finops");

    private final String seed;
    private final String vendor;

    DocumentCopy(String seed, String vendor) {
        this.seed = seed;
        this.vendor = vendor;
    }

    /** {@code Prefix="<vendor>-batch-input/"}, the folder every Bedrock example keeps its input in. */
    String inputPrefix() {
        return vendor + "-batch-input/";
    }

    /** Upload a File, Bedrock tab: {@code f"<vendor>-batch-input/batch_input_{int(time.time())}.jsonl"}. */
    String uploadKey(long timestamp) {
        return inputPrefix() + "batch_input_" + timestamp + ".jsonl";
    }

    /** The literal key of Retrieve File Metadata, Delete a File, Download File Content and Create a Batch Job. */
    String literalKey() {
        return inputPrefix() + "batch_input.jsonl";
    }

    /** End-to-End, Bedrock: {@code f"<vendor>-batch-input/batch_{timestamp}.jsonl"}. */
    String endToEndKey(long timestamp) {
        return inputPrefix() + "batch_" + timestamp + ".jsonl";
    }

    String outputPrefix() {
        return vendor + "-batch-output/";
    }

    /** Create a Batch Job, Bedrock tab: {@code f"<vendor>-batch-{int(time.time())}"}. */
    String batchJobName(long timestamp) {
        return vendor + "-batch-" + timestamp;
    }

    /** End-to-End, Bedrock: {@code f"<vendor>-e2e-{timestamp}"}. */
    String endToEndJobName(long timestamp) {
        return vendor + "-e2e-" + timestamp;
    }

    /** Create a Batch Job, Bedrock tab: the tag {@code {"key": "source", "value": "<vendor>-docs"}}. */
    String sourceTag() {
        return vendor + "-docs";
    }

    @Override
    public String toString() {
        return "seed " + seed + " (" + vendor + ")";
    }
}
