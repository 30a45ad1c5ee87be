package dev.caravan.surface.bedrock;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanS3;
import dev.caravan.contract.BedrockJobsContract;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Bedrock jobs contract through Caravan's {@code /bedrock} batch API and {@code /bedrock/files}, provider
 * {@code bedrock}, on the sandbox's Bedrock emulator and S3 store: Caravan passes every check the emulator passes.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.bedrock.phase-duration=300ms"})
class CaravanBedrockJobsContractTest extends BedrockJobsContract {

    private static final String BUCKET = "caravan-jobs-contract";

    @BeanInject
    CamelContext context;

    private BedrockClient bedrock;
    private S3Client s3;

    @Override
    protected BedrockClient bedrock() {
        if (bedrock == null) {
            bedrock = CaravanBedrock.client(context);
        }
        return bedrock;
    }

    @Override
    protected S3Client s3() {
        if (s3 == null) {
            s3 = CaravanS3.clientBuilder(context).build();
        }
        return s3;
    }

    /** The sandbox store makes a bucket on its first write. */
    @Override
    protected String bucket() {
        return BUCKET;
    }

    @AfterAll
    void closeClients() {
        if (bedrock != null) {
            bedrock.close();
            s3.close();
        }
    }
}
