package dev.caravan.sandbox.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.bedrock.model.ConflictException;
import software.amazon.awssdk.services.bedrock.model.CreateModelInvocationJobRequest;
import software.amazon.awssdk.services.bedrock.model.Tag;
import software.amazon.awssdk.services.bedrock.model.ValidationException;

/**
 * CreateModelInvocationJob's constraints (provider-apis.md §6.2), each refused with a ValidationException worded as
 * AWS words it; idempotency conflicts; and what the SDK cannot send (wrong JSON types, unknown routes), refused in
 * rest-json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BedrockCreateValidationTest {

    private static final String JOB_NAME_PATTERN = "[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\\+\\-\\.]){0,63}";
    private static final String INPUT = "s3://" + EmulatorFixture.BUCKET + "/in/batch.jsonl";
    private static final String OUTPUT = "s3://" + EmulatorFixture.BUCKET + "/out/";

    @TempDir
    static Path dataDir;

    private EmulatorFixture fixture;
    private RawBedrock raw;

    @BeforeAll
    void start() {
        fixture = EmulatorFixture.start(dataDir.resolve("s3"), UnaryOperator.identity());
        raw = new RawBedrock(fixture.emulator);
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private CreateModelInvocationJobRequest.Builder valid() {
        return CreateModelInvocationJobRequest.builder()
                .jobName("valid-job.1")
                .roleArn(fixture.roleArn())
                .modelId("anthropic.claude-3-haiku-20240307-v1:0")
                .inputDataConfig(i -> i.s3InputDataConfig(s -> s.s3Uri(INPUT).s3InputFormat("JSONL")))
                .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri(OUTPUT)));
    }

    static Stream<Arguments> violations() {
        List<Tag> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add(Tag.builder().key("k" + i).value("v").build());
        }
        return Stream.of(
                Arguments.of("jobName pattern", (UnaryOperator<CreateModelInvocationJobRequest.Builder>) b ->
                        b.jobName("bad name!"), "1 validation error detected: Value 'bad name!' at 'jobName' failed "
                        + "to satisfy constraint: Member must satisfy regular expression pattern: " + JOB_NAME_PATTERN),
                Arguments.of("jobName length", op(b -> b.jobName("a".repeat(64))),
                        "Value '" + "a".repeat(64) + "' at 'jobName' failed to satisfy constraint: Member must have "
                                + "length less than or equal to 63"),
                Arguments.of("jobName missing", op(b -> b.jobName(null)),
                        "1 validation error detected: Value null at 'jobName' failed to satisfy constraint: Member "
                                + "must not be null"),
                Arguments.of("roleArn missing", op(b -> b.roleArn(null)),
                        "Value null at 'roleArn' failed to satisfy constraint: Member must not be null"),
                Arguments.of("roleArn pattern", op(b -> b.roleArn("not-required-for-openai")),
                        "Value 'not-required-for-openai' at 'roleArn' failed to satisfy constraint: Member must "
                                + "satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+"),
                Arguments.of("modelId missing", op(b -> b.modelId(null)),
                        "Value null at 'modelId' failed to satisfy constraint: Member must not be null"),
                Arguments.of("modelId length", op(b -> b.modelId("m".repeat(2049))),
                        "at 'modelId' failed to satisfy constraint: Member must have length less than or equal to "
                                + "2048"),
                Arguments.of("inputDataConfig missing", op(b -> b.inputDataConfig((
                        software.amazon.awssdk.services.bedrock.model.ModelInvocationJobInputDataConfig) null)),
                        "Value null at 'inputDataConfig' failed to satisfy constraint: Member must not be null"),
                Arguments.of("outputDataConfig missing", op(b -> b.outputDataConfig((
                        software.amazon.awssdk.services.bedrock.model.ModelInvocationJobOutputDataConfig) null)),
                        "Value null at 'outputDataConfig' failed to satisfy constraint: Member must not be null"),
                Arguments.of("input s3Uri pattern", op(b -> b.inputDataConfig(i -> i.s3InputDataConfig(s ->
                        s.s3Uri("s3://Bad_Bucket/in put.jsonl")))),
                        "Value 's3://Bad_Bucket/in put.jsonl' at 'inputDataConfig.s3InputDataConfig.s3Uri' failed "
                                + "to satisfy constraint: Member must satisfy regular expression pattern: "),
                Arguments.of("output s3Uri not s3", op(b -> b.outputDataConfig(o -> o.s3OutputDataConfig(s ->
                        s.s3Uri("https://bucket/out/")))),
                        "at 'outputDataConfig.s3OutputDataConfig.s3Uri' failed to satisfy constraint"),
                Arguments.of("input s3Uri missing", op(b -> b.inputDataConfig(i -> i.s3InputDataConfig(s ->
                        s.s3InputFormat("JSONL")))),
                        "Value null at 'inputDataConfig.s3InputDataConfig.s3Uri' failed to satisfy constraint: "
                                + "Member must not be null"),
                Arguments.of("s3InputFormat", op(b -> b.inputDataConfig(i -> i.s3InputDataConfig(s ->
                        s.s3Uri(INPUT).s3InputFormat("CSV")))),
                        "Value 'CSV' at 'inputDataConfig.s3InputDataConfig.s3InputFormat' failed to satisfy "
                                + "constraint: Member must satisfy enum value set: [JSONL]"),
                Arguments.of("clientRequestToken pattern", op(b -> b.clientRequestToken("token with spaces")),
                        "Value 'token with spaces' at 'clientRequestToken' failed to satisfy constraint: Member must "
                                + "satisfy regular expression pattern: [a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}"),
                Arguments.of("timeout below 24", op(b -> b.timeoutDurationInHours(23)),
                        "Value '23' at 'timeoutDurationInHours' failed to satisfy constraint: Member must have value "
                                + "greater than or equal to 24"),
                Arguments.of("timeout above 168", op(b -> b.timeoutDurationInHours(169)),
                        "Value '169' at 'timeoutDurationInHours' failed to satisfy constraint: Member must have "
                                + "value less than or equal to 168"),
                Arguments.of("too many tags", op(b -> b.tags(tooMany)),
                        "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200"),
                Arguments.of("tag key length", op(b -> b.tags(Tag.builder().key("k".repeat(129)).value("v")
                        .build())), "at 'tags.1.member.key' failed to satisfy constraint: Member must have length "
                        + "less than or equal to 128"),
                Arguments.of("tag key empty", op(b -> b.tags(Tag.builder().key("").value("v").build())),
                        "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length "
                                + "greater than or equal to 1"),
                Arguments.of("tag value length", op(b -> b.tags(Tag.builder().key("k").value("v".repeat(257))
                        .build())), "at 'tags.1.member.value' failed to satisfy constraint: Member must have "
                        + "length less than or equal to 256"),
                Arguments.of("modelInvocationType", op(b -> b.modelInvocationType("Chat")),
                        "Value 'Chat' at 'modelInvocationType' failed to satisfy constraint: Member must satisfy "
                                + "enum value set: [InvokeModel, Converse]"),
                Arguments.of("vpc subnets empty", op(b -> b.vpcConfig(v -> v.subnetIds(List.of())
                        .securityGroupIds("sg-1"))), "at 'vpcConfig.subnetIds' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1"),
                Arguments.of("vpc too many subnets", op(b -> b.vpcConfig(v -> v.subnetIds(subnets(17))
                        .securityGroupIds("sg-1"))), "at 'vpcConfig.subnetIds' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 16"),
                Arguments.of("vpc too many security groups", op(b -> b.vpcConfig(v -> v.subnetIds("subnet-1")
                        .securityGroupIds("sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"))),
                        "at 'vpcConfig.securityGroupIds' failed to satisfy constraint: Member must have length less "
                                + "than or equal to 5"),
                Arguments.of("vpc security groups missing", op(b -> b.vpcConfig(v -> v.subnetIds("subnet-1"))),
                        "Value null at 'vpcConfig.securityGroupIds' failed to satisfy constraint: Member must not be "
                                + "null"),
                Arguments.of("unknown model", op(b -> b.modelId("gpt-4o-mini")),
                        "The provided model identifier is invalid."),
                Arguments.of("custom model ARN", op(b -> b.modelId("arn:aws:bedrock:us-east-1:123456789012:"
                        + "custom-model/anthropic.claude-v2/abcdefghijkl")), "The provided model identifier is invalid."),
                Arguments.of("Converse with an embedding model", op(b -> b.modelId("amazon.titan-embed-text-v2:0")
                        .modelInvocationType("Converse")), "Converse"));
    }

    private static UnaryOperator<CreateModelInvocationJobRequest.Builder> op(
            UnaryOperator<CreateModelInvocationJobRequest.Builder> change) {
        return change;
    }

    private static List<String> subnets(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("subnet-" + i);
        }
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void eachConstraintIsAValidationException(String name, UnaryOperator<CreateModelInvocationJobRequest.Builder>
            change, String expected) {
        ValidationException failure = assertThrows(ValidationException.class,
                () -> fixture.bedrock.createModelInvocationJob(change.apply(valid()).build()));
        assertEquals(400, failure.statusCode());
        String message = failure.awsErrorDetails().errorMessage();
        assertTrue(message.contains(expected), message);
        assertTrue(fixture.bedrock.listModelInvocationJobs(l -> l.nameContains("valid-job.1"))
                .invocationJobSummaries().isEmpty(), "a refused create makes no job");
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        ValidationException failure = assertThrows(ValidationException.class,
                () -> fixture.bedrock.createModelInvocationJob(valid().jobName("bad name!").roleArn("role")
                        .timeoutDurationInHours(1).build()));
        String message = failure.awsErrorDetails().errorMessage();
        assertTrue(message.startsWith("3 validation errors detected: "), message);
        assertTrue(message.contains("at 'jobName'") && message.contains("at 'roleArn'")
                && message.contains("at 'timeoutDurationInHours'") && message.contains("; "), message);
    }

    @Test
    void theAcceptedModelIdForms() {
        for (String model : List.of("anthropic.claude-3-sonnet-20240229-v1:0",
                "us.anthropic.claude-3-5-sonnet-20241022-v2:0",
                "global.anthropic.claude-sonnet-4-20250514-v1:0",
                "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
                "arn:aws:bedrock:us-east-1:" + fixture.emulator.accountId()
                        + ":inference-profile/us.amazon.nova-lite-v1:0",
                "amazon.nova-pro-v1:0", "meta.llama3-1-70b-instruct-v1:0", "meta.llama4-scout-17b-instruct-v1:0",
                "mistral.mistral-large-2402-v1:0", "amazon.titan-text-express-v1", "amazon.titan-embed-text-v2:0")) {
            String arn = fixture.bedrock.createModelInvocationJob(valid().jobName("forms-" + Math.abs(model.hashCode()))
                    .modelId(model).build()).jobArn();
            assertEquals(model, fixture.bedrock.getModelInvocationJob(g -> g.jobIdentifier(arn)).modelId());
            fixture.bedrock.stopModelInvocationJob(s -> s.jobIdentifier(arn));
        }
    }

    @Test
    void aReusedTokenWithOtherParametersIsAConflict() {
        String token = UUID.randomUUID().toString();
        CreateModelInvocationJobRequest first = valid().jobName("conflict-1").clientRequestToken(token).build();
        String arn = fixture.bedrock.createModelInvocationJob(first).jobArn();
        assertEquals(arn, fixture.bedrock.createModelInvocationJob(first).jobArn());
        for (CreateModelInvocationJobRequest other : List.of(first.toBuilder().jobName("conflict-2").build(),
                first.toBuilder().timeoutDurationInHours(48).build(),
                first.toBuilder().modelId("anthropic.claude-3-sonnet-20240229-v1:0").build(),
                first.toBuilder().outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri(OUTPUT + "x/"))).build())) {
            ConflictException conflict = assertThrows(ConflictException.class,
                    () -> fixture.bedrock.createModelInvocationJob(other));
            assertEquals(400, conflict.statusCode());
            assertTrue(conflict.awsErrorDetails().errorMessage().contains(token));
        }
        fixture.bedrock.stopModelInvocationJob(s -> s.jobIdentifier(arn));
    }

    @Test
    void aMemberOfTheWrongJsonTypeIsASerializationException() {
        HttpResponse<String> response = raw.send("POST", "/model-invocation-job",
                "{\"jobName\":42,\"roleArn\":\"" + fixture.roleArn() + "\"}", Map.of());
        assertEquals(400, response.statusCode());
        assertEquals("SerializationException", response.headers().firstValue("x-amzn-ErrorType").orElse(""));
        HttpResponse<String> notJson = raw.send("POST", "/model-invocation-job", "{\"jobName\":", Map.of());
        assertEquals(400, notJson.statusCode());
        assertEquals("SerializationException", notJson.headers().firstValue("x-amzn-ErrorType").orElse(""));
    }

    @Test
    void unknownRoutesAndMethodsAreRestJsonErrors() {
        for (String[] call : new String[][] {{"GET", "/model-invocation-job"}, {"DELETE", "/model-invocation-job/"
                + "abcdefghijkl"}, {"GET", "/model-invocation-job/abcdefghijkl/stop"}, {"POST", "/evaluation-jobs"},
                {"PUT", "/model-invocation-jobs"}, {"GET", "/"}}) {
            HttpResponse<String> response = raw.send(call[0], call[1], null, Map.of());
            assertEquals(404, response.statusCode(), call[0] + " " + call[1]);
            assertEquals("UnknownOperationException", response.headers().firstValue("x-amzn-ErrorType").orElse(""));
            assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
            assertTrue(response.body().startsWith("{\"message\":"), response.body());
            assertTrue(response.headers().firstValue("x-amzn-RequestId").isPresent());
        }
    }

    @Test
    void listParametersAreValidated() {
        assertThrows(ValidationException.class, () -> fixture.bedrock.listModelInvocationJobs(l -> l.maxResults(0)));
        assertThrows(ValidationException.class,
                () -> fixture.bedrock.listModelInvocationJobs(l -> l.maxResults(1001)));
        assertThrows(ValidationException.class,
                () -> fixture.bedrock.listModelInvocationJobs(l -> l.statusEquals("Running")));
        assertThrows(ValidationException.class,
                () -> fixture.bedrock.listModelInvocationJobs(l -> l.sortBy("Name")));
        assertThrows(ValidationException.class,
                () -> fixture.bedrock.listModelInvocationJobs(l -> l.nextToken("not-a-token-of-ours")));
    }

    @Test
    void aTooLargeBodyIsRefusedBeforeItIsRead() {
        HttpResponse<String> response = raw.send("POST", "/model-invocation-job",
                "{\"jobName\":\"" + "x".repeat(HttpApi.MAX_BODY_BYTES) + "\"}", Map.of());
        assertEquals(413, response.statusCode());
        assertTrue(response.headers().firstValue("x-amzn-ErrorType").isPresent());
    }
}
