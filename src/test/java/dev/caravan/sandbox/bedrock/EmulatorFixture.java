package dev.caravan.sandbox.bedrock;

import dev.caravan.sandbox.s3.EmbeddedS3Store;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An embedded S3 store with a bucket, a Bedrock emulator reading and writing through it, and the AWS SDK clients of
 * both, as the emulator tests use them. Closing stops everything it started.
 */
final class EmulatorFixture implements AutoCloseable {

    static final String BUCKET = "emulator-bucket";
    static final Duration FAST_PHASE = Duration.ofMillis(200);

    final EmbeddedS3Store store;
    final BedrockEmulator emulator;
    final S3Client s3;
    final BedrockClient bedrock;

    private EmulatorFixture(EmbeddedS3Store store, BedrockEmulator emulator) {
        this.store = store;
        this.emulator = emulator;
        this.s3 = s3Client(store);
        this.bedrock = bedrockClient(emulator, emulator.accessKey(), emulator.secretKey());
    }

    /** A store in {@code dataDir} and an emulator made from the settings {@code tune} derives from the defaults. */
    static EmulatorFixture start(Path dataDir, java.util.function.UnaryOperator<BedrockEmulatorSettings> tune) {
        EmbeddedS3Store store = EmbeddedS3Store.start(dataDir, "127.0.0.1");
        store.createBucket(BUCKET);
        BedrockEmulatorSettings settings = tune.apply(BedrockEmulatorSettings.withRandomCredentials(
                s3Access(store), FAST_PHASE).withQuotas(BedrockQuotas.DEFAULTS.withMinRecordsPerJob(1)));
        try {
            return new EmulatorFixture(store, new BedrockEmulator(settings).start("127.0.0.1", 0));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    static BedrockEmulatorSettings.S3Access s3Access(EmbeddedS3Store store) {
        return new BedrockEmulatorSettings.S3Access(store.endpoint(), store.region(), store.accessKey(),
                store.secretKey());
    }

    static BedrockClient bedrockClient(BedrockEmulator target, String accessKey, String secretKey) {
        return BedrockClient.builder()
                .endpointOverride(URI.create(target.baseUrl()))
                .region(Region.of(target.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                        secretKey)))
                .httpClientBuilder(ApacheHttpClient.builder())
                // a retried error would hide the emulator's first answer
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static S3Client s3Client(EmbeddedS3Store store) {
        return S3Client.builder()
                .endpointOverride(store.endpoint())
                .forcePathStyle(true)
                .region(Region.of(store.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(store.accessKey(),
                        store.secretKey())))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    String roleArn() {
        return "arn:aws:iam::" + emulator.accountId() + ":role/emulator-test-batch";
    }

    @Override
    public void close() {
        bedrock.close();
        s3.close();
        emulator.close();
        store.close();
    }
}
