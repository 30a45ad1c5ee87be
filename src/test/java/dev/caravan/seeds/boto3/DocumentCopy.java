package dev.caravan.seeds.boto3;

import static org.junit.jupiter.api.Assertions.assertAll;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The three vendors' copies of the boto3 "Files and Batch API" page (seeds 000, 002, 003). They are the same page
 * except for the vendor name the examples put into S3 keys, job names and the {@code source} tag, so every example
 * that carries one of those values runs once per copy.
 *
 * <p>Copy 003 also writes {@code int(time.time)}, {@code jsonl_content.encode} and
 * {@code response["Body"].read.decode(...)} without the call parentheses: Python errors in the page itself (a
 * TypeError / AttributeError before any request leaves boto3), not something a gateway can answer. The tests use the
 * values those expressions plainly mean (the epoch seconds, the encoded content, the body read), as 000 and 002 do.
 * Copy 000 shows only the Bedrock tab of each tabbed example; 002 and 003 show every tab.
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

    /**
     * Runs an example once per copy and reports every copy that fails, each failure naming its copy. (Not a
     * parameterized test: camel-test-main keeps the Caravan of a parameterized method in that method's scope and stops
     * it afterwards, so a class of them would start several; plain tests share the class's one.)
     */
    static void each(ThrowingConsumer<DocumentCopy> example) {
        eachOf(List.of(values()), copy -> copy.toString(), example);
    }

    static <T> void eachOf(List<T> cases, Function<T, String> name, ThrowingConsumer<T> example) {
        assertAll(cases.stream().map(one -> (Executable) () -> {
            try {
                example.accept(one);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name.apply(one) + ": " + e.getMessage(), e);
            }
        }));
    }

    @Override
    public String toString() {
        return "seed " + seed + " (" + vendor + ")";
    }
}
