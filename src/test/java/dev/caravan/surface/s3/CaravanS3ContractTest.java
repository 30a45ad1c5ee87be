package dev.caravan.surface.s3;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanS3;
import dev.caravan.contract.S3FilesContract;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 files contract through Caravan's {@code /bedrock/files} surface, provider {@code bedrock}, on the sandbox's
 * embedded S3 store. Buckets are not created on first use here, so a missing bucket is reported as S3 reports it.
 * Caravan passes every check the store passes directly, and three the store fails on its own (an unquoted If-Match
 * on HEAD, NoSuchUpload from ListParts, a PUT into a missing bucket), because Caravan judges those itself.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.bedrock.s3.create-buckets=false"})
class CaravanS3ContractTest extends S3FilesContract {

    @BeanInject
    CamelContext context;

    @Override
    protected S3ClientBuilder clientBuilder() {
        return CaravanS3.clientBuilder(context);
    }

    @Override
    protected void createBucket(String name) {
        CaravanS3.sandbox(context).s3().createBucket(name);
    }

    // What the store behind Caravan cannot do. Caravan passes the request on as S3 expects it; against AWS S3 these
    // hold, and S3ProxyContractTest shows each limit is the store's own.

    @Override
    @Test
    @Disabled("the sandbox store (S3Proxy 4.1) refuses a path with an empty segment (a//b) as SignatureDoesNotMatch")
    protected void keysWithAnEmptyPathSegmentRoundTrip() {
    }

    @Override
    @Test
    @Disabled("the sandbox store (S3Proxy 4.1) verifies checksums but keeps none, so a GET has none to return; "
            + "Caravan never invents one")
    protected void getWithChecksumModeReturnsTheCrc32TheObjectWasUploadedWith() {
    }

    @Override
    @Test
    @Disabled("the sandbox store (S3Proxy 4.1) keeps no part checksums for ListParts to show")
    protected void multipartUploadWithCrc32PartChecksumsCompletesWithACompositeChecksum() {
    }
}
