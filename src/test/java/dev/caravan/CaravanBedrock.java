package dev.caravan;

import java.net.URI;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.BedrockClientBuilder;

/** The AWS SDK's Bedrock client pointed at Caravan's batch API, as the documents configure boto3 (any credentials). */
public final class CaravanBedrock {

    private CaravanBedrock() {
    }

    public static URI endpoint(CamelContext context) {
        return URI.create(CaravanClients.baseUrl(context) + "/bedrock");
    }

    public static BedrockClientBuilder clientBuilder(CamelContext context) {
        return BedrockClient.builder()
                .endpointOverride(endpoint(context))
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .httpClientBuilder(ApacheHttpClient.builder())
                // a retry would hide what Caravan answered the first time
                .overrideConfiguration(override -> override.retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(builder -> builder.maxAttempts(1)));
    }

    /** The same client sending {@code x-model-provider} with every request, as the documents' before-send hook does. */
    public static BedrockClientBuilder clientBuilder(CamelContext context, String provider) {
        return clientBuilder(context).overrideConfiguration(override -> override.retryStrategy(RetryMode.STANDARD)
                .retryStrategy(builder -> builder.maxAttempts(1)).putHeader("x-model-provider", provider));
    }

    public static BedrockClient client(CamelContext context) {
        return clientBuilder(context).build();
    }
}
