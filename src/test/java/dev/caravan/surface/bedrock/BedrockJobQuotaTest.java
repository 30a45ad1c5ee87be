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
import software.amazon.awssdk.services.bedrock.model.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * With Bedrock's real default quota of at least 100 records per job (the sandbox lowers it to 1 so the documents'
 * 3-record examples run), a small job is refused at create, naming the quota, and nothing is submitted.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.bedrock.min-records=100"})
class BedrockJobQuotaTest {

    @BeanInject
    CamelContext context;

    @Test
    void theRealDefaultMinimumOfOneHundredRecordsRefusesAThreeRecordJob() {
        try (BedrockClient bedrock = CaravanBedrock.client(context);
             S3Client s3 = CaravanS3.clientBuilder(context).build()) {
            String key = "quota/batch_small.jsonl";
            s3.putObject(put -> put.bucket(BedrockJobsSurfaceTest.BUCKET).key(key),
                    RequestBody.fromString(BedrockJobsSurfaceTest.documentLines(3)));

            ValidationException refused = assertThrows(ValidationException.class, () -> bedrock
                    .createModelInvocationJob(create -> create.jobName("too-small")
                            .modelId(BedrockJobsSurfaceTest.CLAUDE)
                            .inputDataConfig(input -> input.s3InputDataConfig(s3Input -> s3Input
                                    .s3Uri("s3://" + BedrockJobsSurfaceTest.BUCKET + "/" + key)))
                            .outputDataConfig(output -> output.s3OutputDataConfig(s3Output -> s3Output
                                    .s3Uri("s3://" + BedrockJobsSurfaceTest.BUCKET + "/quota-output/")))));

            BedrockJobsSurfaceTest.assertContains(refused.awsErrorDetails().errorMessage(), "3 records", "100",
                    "Minimum number of records per batch inference job");
            assertEquals(0, bedrock.listModelInvocationJobs(list -> list.nameContains("too-small"))
                    .invocationJobSummaries().size());
        }
    }
}
