package dev.caravan.sandbox.bedrock;

import dev.caravan.contract.BedrockJobsContract;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Bedrock jobs contract straight against the emulator (fast 200 ms phases, the sandbox's minimum of 1 record),
 * which shows that the contract describes behaviour a faithful implementation has.
 */
class BedrockEmulatorContractTest extends BedrockJobsContract {

    @TempDir
    static Path dataDir;

    private EmulatorFixture fixture;

    @BeforeAll
    void start() {
        fixture = EmulatorFixture.start(dataDir.resolve("s3"), UnaryOperator.identity());
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Override
    protected BedrockClient bedrock() {
        return fixture.bedrock;
    }

    @Override
    protected S3Client s3() {
        return fixture.s3;
    }

    @Override
    protected String bucket() {
        return EmulatorFixture.BUCKET;
    }

    @Override
    protected String roleArn() {
        return fixture.roleArn();
    }
}
