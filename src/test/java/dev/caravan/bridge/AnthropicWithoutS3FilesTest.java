package dev.caravan.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Anthropic from the S3 files API as the documents describe it when Caravan is not asked to keep Anthropic files
 * (caravan.anthropic.s3-files=false): file calls and file-based jobs say to use inline requests; the jobs that exist
 * (batches made from inline requests) can still be listed.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.anthropic.s3-files=false"})
class AnthropicWithoutS3FilesTest {

    @BeanInject
    CamelContext context;

    @Test
    void fileCallsAreNotImplementedAndSayToUseInlineRequests() {
        try (S3Client s3 = CaravanS3.clientBuilder(context, "anthropic").build()) {
            S3Exception put = assertThrows(S3Exception.class, () -> s3.putObject(request -> request
                    .bucket("anthropic-files").key("batch.jsonl"), RequestBody.fromString("{}")));
            assertEquals(501, put.statusCode());
            assertEquals("NotImplemented", put.awsErrorDetails().errorCode());
            assertTrue(put.getMessage().contains("inline requests"), put.getMessage());
            S3Exception list = assertThrows(S3Exception.class, () -> s3.listObjectsV2(request -> request
                    .bucket("anthropic-files")));
            assertEquals(501, list.statusCode());
        }
    }

    @Test
    void aFileBasedJobIsRefusedButJobsCanBeListed() {
        try (BedrockClient bedrock = CaravanBedrock.clientBuilder(context, "anthropic").build()) {
            ValidationException create = assertThrows(ValidationException.class, () -> bedrock
                    .createModelInvocationJob(request -> request.jobName("anthropic-job").modelId("claude-sonnet-4-5")
                            .inputDataConfig(input -> input.s3InputDataConfig(s3Input -> s3Input
                                    .s3Uri("s3://anthropic-files/file-anthropic-eA")))
                            .outputDataConfig(output -> output.s3OutputDataConfig(s3Output -> s3Output
                                    .s3Uri("s3://anthropic-output/")))));
            assertTrue(create.getMessage().contains("inline requests"), create.getMessage());
            assertTrue(bedrock.listModelInvocationJobs(request -> request.maxResults(10)).sdkHttpResponse()
                    .isSuccessful());
        }
    }
}
