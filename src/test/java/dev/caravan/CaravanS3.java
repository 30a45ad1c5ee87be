package dev.caravan;

import dev.caravan.sandbox.Sandbox;
import java.net.URI;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The AWS SDK's S3 client pointed at Caravan's files API, as the documents configure boto3 (any credentials). */
public final class CaravanS3 {

    private CaravanS3() {
    }

    public static URI endpoint(CamelContext context) {
        return URI.create(CaravanClients.baseUrl(context) + "/bedrock/files");
    }

    public static S3ClientBuilder clientBuilder(CamelContext context) {
        return S3Client.builder()
                .endpointOverride(endpoint(context))
                .forcePathStyle(true)
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .httpClientBuilder(ApacheHttpClient.builder())
                // a retry would hide what Caravan answered the first time
                .overrideConfiguration(override -> override.retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(builder -> builder.maxAttempts(1)));
    }

    /** The same client sending {@code x-model-provider} with every request, as the documents' before-send hook does. */
    public static S3ClientBuilder clientBuilder(CamelContext context, String provider) {
        return clientBuilder(context).overrideConfiguration(override -> override.retryStrategy(RetryMode.STANDARD)
                .retryStrategy(builder -> builder.maxAttempts(1)).putHeader("x-model-provider", provider));
    }

    public static Sandbox sandbox(CamelContext context) {
        return context.getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
    }
}
