package dev.caravan.seeds.boto3;

import dev.caravan.CaravanBedrock;
import dev.caravan.CaravanS3;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The page's {@code get_provider_s3_client(provider)} and {@code get_provider_bedrock_client(provider)}: the AWS SDK's
 * S3 and Bedrock clients (the Java stand-ins for boto3's), region us-west-2, endpoints {@code <gateway>/bedrock/files}
 * and {@code <gateway>/bedrock}, and {@code x-model-provider: <provider>} on every request, which is what the page's
 * {@code before-send} hook does (AWS SDK v2: {@code overrideConfiguration(putHeader)}). One client per provider and
 * kind, built on first use and closed with the holder.
 */
final class ProviderClients implements AutoCloseable {

    private final CamelContext context;
    private final Map<String, S3Client> s3 = new HashMap<>();
    private final Map<String, BedrockClient> bedrock = new HashMap<>();
    private final List<SdkAutoCloseable> open = new ArrayList<>();

    ProviderClients(CamelContext context) {
        this.context = context;
    }

    S3Client s3(String provider) {
        return s3.computeIfAbsent(provider, name -> keep(CaravanS3.clientBuilder(context, name).build()));
    }

    BedrockClient bedrock(String provider) {
        return bedrock.computeIfAbsent(provider, name -> keep(CaravanBedrock.clientBuilder(context, name).build()));
    }

    /** Default Bedrock Client: the same clients without the hook, so without the header. */
    S3Client s3WithoutHeader() {
        return s3.computeIfAbsent("", name -> keep(CaravanS3.clientBuilder(context).build()));
    }

    BedrockClient bedrockWithoutHeader() {
        return bedrock.computeIfAbsent("", name -> keep(CaravanBedrock.clientBuilder(context).build()));
    }

    private <T extends SdkAutoCloseable> T keep(T client) {
        open.add(client);
        return client;
    }

    @Override
    public void close() {
        open.forEach(SdkAutoCloseable::close);
        open.clear();
        s3.clear();
        bedrock.clear();
    }
}
