package dev.caravan.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.CreateJob;
import dev.caravan.model.job.JobRequest;
import dev.caravan.provider.BreakerSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server-side role stands in for a roleArn the caller did not send; without one configured, that is a 400. */
class BedrockJobsDefaultRoleTest {

    private static final String DEFAULT_ROLE = "arn:aws:iam::123456789012:role/caravan-batch";

    @Test
    void aCreateWithoutRoleArnGetsTheConfiguredRole() throws Exception {
        try (BedrockJobs jobs = jobs(DEFAULT_ROLE)) {
            assertEquals(DEFAULT_ROLE, jobs.withDefaultRole(create(null)).request().roleArn());
        }
    }

    @Test
    void theCallersOwnRoleIsKept() throws Exception {
        try (BedrockJobs jobs = jobs(DEFAULT_ROLE)) {
            CreateJob own = create("arn:aws:iam::210987654321:role/own");
            assertSame(own, jobs.withDefaultRole(own));
        }
    }

    @Test
    void withoutAConfiguredRoleAMissingRoleArnIsAValidationErrorSayingHowToFixIt() throws Exception {
        try (BedrockJobs jobs = jobs("")) {
            GatewayError refused = assertThrows(GatewayError.class, () -> jobs.withDefaultRole(create(null)));
            assertEquals(ErrorKind.INVALID_REQUEST, refused.kind());
            assertEquals(400, refused.status());
            assertTrue(refused.getMessage().contains("'roleArn'") && refused.getMessage()
                    .contains("caravan.bedrock.role-arn"), refused.getMessage());
        }
    }

    private static BedrockJobs jobs(String role) {
        BedrockJobs jobs = new BedrockJobs(new BedrockJobSettings(URI.create("http://127.0.0.1:9"), "us-east-1", "AKIDEXAMPLE",
                "secret", role, Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                new BreakerSettings(50, 10, 20, Duration.ofSeconds(30), 1),
                JobQuotas.parse(RecordQuotas.BEDROCK_DEFAULTS, "")));
        jobs.start();
        return jobs;
    }

    private static CreateJob create(String role) {
        return new CreateJob("bedrock", new JobRequest("job", role, "anthropic.claude-3-haiku-20240307-v1:0",
                new JobRequest.S3Input("s3://bucket/in.jsonl", null, null),
                new JobRequest.S3Output("s3://bucket/out/", null, null), null, null, null, null, null));
    }
}
