package dev.caravan.surface.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.CaravanS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Caravan boots and serves while its S3 store is down (nothing listens on port 9): file calls get a clear 503 in S3's
 * format, after the store client's own retries, and the rest of Caravan is unaffected.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                "caravan.bedrock.s3.endpoint=http://127.0.0.1:9", "caravan.bedrock.s3.path-style=true",
                "caravan.bedrock.s3.access-key=AKIDEXAMPLE", "caravan.bedrock.s3.secret-key=secret",
                "caravan.bedrock.s3.max-attempts=2", "caravan.bedrock.s3.circuit-breaker.minimum-calls=4",
                "caravan.bedrock.s3.circuit-breaker.sliding-window=4"})
class S3StoreUnreachableTest {

    @BeanInject
    CamelContext context;

    @Test
    void fileCallsAnswer503ServiceUnavailable() {
        try (S3Client s3 = CaravanS3.clientBuilder(context).build()) {
            S3Exception read = assertThrows(S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket("your-s3-bucket").key("in/batch.jsonl")));
            assertEquals(503, read.statusCode());
            assertEquals("ServiceUnavailable", read.awsErrorDetails().errorCode());

            S3Exception write = assertThrows(S3Exception.class, () -> s3.putObject(
                    b -> b.bucket("your-s3-bucket").key("in/batch.jsonl"), RequestBody.fromString("{}\n")));
            assertEquals(503, write.statusCode());
            assertEquals("ServiceUnavailable", write.awsErrorDetails().errorCode());
        }
    }

    @Test
    void afterRepeatedFailuresTheBreakerAnswersAtOnceWithoutCallingTheStore() {
        try (S3Client s3 = CaravanS3.clientBuilder(context).build()) {
            S3Exception last = null;
            for (int i = 0; i < 6; i++) {
                last = assertThrows(S3Exception.class,
                        () -> s3.headObject(b -> b.bucket("your-s3-bucket").key("in/batch.jsonl")));
            }
            S3Exception refused = assertThrows(S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket("your-s3-bucket").key("in/batch.jsonl")));
            assertEquals(503, refused.statusCode());
            assertEquals("ServiceUnavailable", refused.awsErrorDetails().errorCode());
            assertTrue(refused.awsErrorDetails().errorMessage().contains("stopped calling it"),
                    refused.awsErrorDetails().errorMessage());
            assertEquals(503, last.statusCode());
        }
    }

    @Test
    void theRestOfCaravanKeepsServing() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(CaravanClients.baseUrl(context) + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
    }
}
