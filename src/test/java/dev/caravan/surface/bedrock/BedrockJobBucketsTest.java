package dev.caravan.surface.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanS3;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.AccessDeniedException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket allow-list holds for jobs too: a job may neither read its input from nor have Bedrock write its output
 * to a bucket outside caravan.bedrock.s3.allowed-buckets, and nothing is submitted.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.bedrock.s3.allowed-buckets=" + BedrockJobsSurfaceTest.BUCKET})
class BedrockJobBucketsTest {

    private static final String KEY = "allow-list/batch.jsonl";

    @BeanInject
    CamelContext context;

    @Test
    void aJobCannotWriteItsOutputToABucketOutsideTheAllowList() {
        try (BedrockClient bedrock = CaravanBedrock.client(context);
             S3Client s3 = CaravanS3.clientBuilder(context).build()) {
            s3.putObject(put -> put.bucket(BedrockJobsSurfaceTest.BUCKET).key(KEY),
                    RequestBody.fromString(BedrockJobsSurfaceTest.documentLines(1)));

            AccessDeniedException refused = assertThrows(AccessDeniedException.class, () -> bedrock
                    .createModelInvocationJob(create -> create.jobName("elsewhere").modelId(BedrockJobsSurfaceTest.CLAUDE)
                            .inputDataConfig(input -> input.s3InputDataConfig(s3Input -> s3Input
                                    .s3Uri("s3://" + BedrockJobsSurfaceTest.BUCKET + "/" + KEY)))
                            .outputDataConfig(output -> output.s3OutputDataConfig(s3Output -> s3Output
                                    .s3Uri("s3://someone-elses-bucket/out/")))));

            assertEquals(403, refused.statusCode());
            assertEquals(0, bedrock.listModelInvocationJobs(list -> list.nameContains("elsewhere"))
                    .invocationJobSummaries().size());
        }
    }

    @Test
    void aJobCannotReadItsInputFromABucketOutsideTheAllowList() {
        try (BedrockClient bedrock = CaravanBedrock.client(context)) {
            AccessDeniedException refused = assertThrows(AccessDeniedException.class, () -> bedrock
                    .createModelInvocationJob(create -> create.jobName("reads-elsewhere")
                            .modelId(BedrockJobsSurfaceTest.CLAUDE)
                            .inputDataConfig(input -> input.s3InputDataConfig(s3Input -> s3Input
                                    .s3Uri("s3://someone-elses-bucket/in/batch.jsonl")))
                            .outputDataConfig(output -> output.s3OutputDataConfig(s3Output -> s3Output
                                    .s3Uri("s3://" + BedrockJobsSurfaceTest.BUCKET + "/out/")))));

            assertEquals(403, refused.statusCode());
        }
    }
}
