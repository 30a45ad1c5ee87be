package dev.caravan.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanBedrock;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.BedrockException;

/** Bedrock's control plane down (nothing listens on port 9): the caller gets a 502 in rest-json, not a hang. */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                "caravan.bedrock.endpoint=http://127.0.0.1:9", "caravan.bedrock.access-key=AKIDEXAMPLE",
                "caravan.bedrock.secret-key=secret", "caravan.bedrock.max-attempts=2"})
class BedrockUnreachableTest {

    @BeanInject
    CamelContext context;

    @Test
    void aControlPlaneThatCannotBeReachedIs502() {
        try (BedrockClient bedrock = CaravanBedrock.client(context)) {
            BedrockException error = assertThrows(BedrockException.class,
                    () -> bedrock.getModelInvocationJob(get -> get.jobIdentifier("abcdefghijkl")));
            assertEquals(502, error.statusCode());
            assertTrue(error.awsErrorDetails().errorMessage().contains("could not be reached"),
                    error.awsErrorDetails().errorMessage());
        }
    }
}
