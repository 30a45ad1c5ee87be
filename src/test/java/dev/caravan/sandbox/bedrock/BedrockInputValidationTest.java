package dev.caravan.sandbox.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What Validating checks (provider-apis.md §6.4–6.5) and where a job's results go: missing inputs, broken JSONL,
 * the record and size quotas (with the real defaults where it matters), folder inputs, generated recordIds, and
 * records the model refuses.
 */
class BedrockInputValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    @TempDir
    Path dataDir;

    private EmulatorFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private EmulatorFixture start(UnaryOperator<BedrockEmulatorSettings> tune) {
        fixture = EmulatorFixture.start(dataDir.resolve("s3"), tune.andThen(
                s -> s.withPhaseDuration(java.time.Duration.ofMillis(50)))::apply);
        return fixture;
    }

    @Test
    void aMissingInputFailsTheJobNamingIt() {
        start(UnaryOperator.identity());
        String missing = "s3://" + EmulatorFixture.BUCKET + "/nowhere/batch.jsonl";
        GetModelInvocationJobResponse job = run(missing, "s3://" + EmulatorFixture.BUCKET + "/out/");
        assertEquals(ModelInvocationJobStatus.FAILED, job.status());
        assertTrue(job.message().contains(missing), job.message());
        assertNotNull(job.endTime());
        assertEquals(0L, job.totalRecordCount());
        assertTrue(outputs("out/").isEmpty(), "a failed job writes nothing");
    }

    @Test
    void aMissingOutputBucketFailsTheJob() {
        start(UnaryOperator.identity());
        String input = put("in/ok.jsonl", claude("r1", "hello"));
        GetModelInvocationJobResponse job = run(input, "s3://no-such-bucket-here/out/");
        assertEquals(ModelInvocationJobStatus.FAILED, job.status());
        assertTrue(job.message().contains("no-such-bucket-here"), job.message());
    }

    @Test
    void invalidJsonlFailsTheJobWithTheLineNumber() {
        start(UnaryOperator.identity());
        for (String[] bad : new String[][] {
                {"{not json}", "line 3 is not valid JSON"},
                {"[1,2]", "line 3 is not a JSON object"},
                {"{\"recordId\":\"x\"}", "line 3 has no modelInput"},
                {"{\"recordId\":\"x\",\"modelInput\":\"text\"}", "line 3 has a modelInput that is not a JSON object"},
                {"{\"recordId\":7,\"modelInput\":{}}", "line 3 has a recordId that is not a non-empty string"}}) {
            String key = "in/bad-" + UUID.randomUUID() + ".jsonl";
            String input = put(key, claude("r1", "one") + "\n\n" + bad[0] + "\n" + claude("r4", "four"));
            GetModelInvocationJobResponse job = run(input, "s3://" + EmulatorFixture.BUCKET + "/out/");
            assertEquals(ModelInvocationJobStatus.FAILED, job.status(), bad[0]);
            assertTrue(job.message().contains("s3://" + EmulatorFixture.BUCKET + "/" + key), job.message());
            assertTrue(job.message().contains(bad[1]), job.message());
        }
    }

    @Test
    void theRealMinimumOfOneHundredRecordsRejectsAThreeRecordJob() {
        start(s -> s.withQuotas(BedrockQuotas.DEFAULTS));
        String input = put("in/three.jsonl", claude("a", "1") + "\n" + claude("b", "2") + "\n" + claude("c", "3"));
        GetModelInvocationJobResponse job = run(input, "s3://" + EmulatorFixture.BUCKET + "/out/");
        assertEquals(ModelInvocationJobStatus.FAILED, job.status());
        assertTrue(job.message().contains("Minimum number of records per batch inference job"), job.message());
        assertTrue(job.message().contains("(100)") && job.message().contains("has 3 records"), job.message());
    }

    @Test
    void tooManyRecordsPerJobOrPerFileFail() {
        start(s -> s.withQuotas(BedrockQuotas.DEFAULTS.withMinRecordsPerJob(1).withMaxRecordsPerJob(4)
                .withMaxRecordsPerFile(3)));
        String fourInOneFile = put("in/four.jsonl", lines(4));
        GetModelInvocationJobResponse perFile = run(fourInOneFile, "s3://" + EmulatorFixture.BUCKET + "/out/");
        assertEquals(ModelInvocationJobStatus.FAILED, perFile.status());
        assertTrue(perFile.message().contains("Records per input file per batch inference job"), perFile.message());

        put("in/many/a.jsonl", lines(3));
        put("in/many/b.jsonl", lines(3));
        GetModelInvocationJobResponse perJob = run("s3://" + EmulatorFixture.BUCKET + "/in/many/",
                "s3://" + EmulatorFixture.BUCKET + "/out/");
        assertEquals(ModelInvocationJobStatus.FAILED, perJob.status());
        assertTrue(perJob.message().contains("Records per batch inference job"), perJob.message());
    }

    @Test
    void inputsLargerThanTheSizeQuotasFail() {
        start(s -> s.withQuotas(BedrockQuotas.DEFAULTS.withMinRecordsPerJob(1).withMaxInputFileBytes(300)
                .withMaxJobBytes(500)));
        String big = put("in/big.jsonl", lines(5));
        GetModelInvocationJobResponse file = run(big, "s3://" + EmulatorFixture.BUCKET + "/out/");
        assertEquals(ModelInvocationJobStatus.FAILED, file.status());
        assertTrue(file.message().contains("Batch inference input file size") && file.message().contains(big),
                file.message());

        // three files of one record (under 300 bytes each) make more than 500 bytes together
        for (String name : List.of("a", "b", "c")) {
            put("in/sized/" + name + ".jsonl", lines(1));
        }
        GetModelInvocationJobResponse job = run("s3://" + EmulatorFixture.BUCKET + "/in/sized/",
                "s3://" + EmulatorFixture.BUCKET + "/out/");
        assertEquals(ModelInvocationJobStatus.FAILED, job.status());
        assertTrue(job.message().contains("Batch inference job size"), job.message());
    }

    @Test
    void aFolderInputWithTwoFilesWritesTwoOutFiles() throws IOException {
        start(UnaryOperator.identity());
        put("in/folder/part-1.jsonl", claude("p1-a", "first") + "\n" + claude("p1-b", "second"));
        put("in/folder/part-2.jsonl", claude("p2-a", "third"));
        put("in/folder/notes.txt", "not an input");
        put("in/folder/nested/part-3.jsonl", claude("p3-a", "nested files are not inputs"));
        GetModelInvocationJobResponse job = run("s3://" + EmulatorFixture.BUCKET + "/in/folder/",
                "s3://" + EmulatorFixture.BUCKET + "/results");
        assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), job.message());
        assertEquals(3L, job.totalRecordCount());
        String id = jobId(job);
        assertEquals(Set.of("results/" + id + "/part-1.jsonl.out", "results/" + id + "/part-2.jsonl.out",
                "results/" + id + "/manifest.json.out"), Set.copyOf(outputs("results/")));
        assertEquals(List.of("p1-a", "p1-b"), recordIds(read("results/" + id + "/part-1.jsonl.out")));
        assertEquals(List.of("p2-a"), recordIds(read("results/" + id + "/part-2.jsonl.out")));
        JsonNode manifest = JSON.readTree(read("results/" + id + "/manifest.json.out"));
        assertEquals(3, manifest.path("successRecordCount").asInt());

        // a URI without the trailing slash, naming no object, is read as that folder too
        GetModelInvocationJobResponse noSlash = run("s3://" + EmulatorFixture.BUCKET + "/in/folder",
                "s3://" + EmulatorFixture.BUCKET + "/results2/");
        assertEquals(ModelInvocationJobStatus.COMPLETED, noSlash.status(), noSlash.message());
        assertEquals(3L, noSlash.totalRecordCount());
    }

    @Test
    void aSingleFileMustBeJsonl() {
        start(UnaryOperator.identity());
        String input = put("in/records.json", claude("r", "x"));
        GetModelInvocationJobResponse job = run(input, "s3://" + EmulatorFixture.BUCKET + "/out/");
        assertEquals(ModelInvocationJobStatus.FAILED, job.status());
        assertTrue(job.message().contains(".jsonl extension"), job.message());
    }

    @Test
    void aRecordWithoutRecordIdGetsAnElevenCharacterOne() {
        start(UnaryOperator.identity());
        String noId = "{\"modelInput\":" + JSON.valueToTree(parse(claude("x", "no id here")).get("modelInput"))
                + "}";
        String input = put("in/noid.jsonl", noId + "\n" + claude("given", "with id"));
        GetModelInvocationJobResponse job = run(input, "s3://" + EmulatorFixture.BUCKET + "/out/");
        assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), job.message());
        List<String> ids = recordIds(read("out/" + jobId(job) + "/noid.jsonl.out"));
        assertEquals(2, ids.size());
        assertTrue(ids.get(0).matches("[A-Za-z0-9]{11}"), ids.get(0));
        assertEquals("given", ids.get(1));
    }

    @Test
    void aRecordTheModelRefusesIsAnErrorLineAndTheJobStillCompletes() throws IOException {
        start(UnaryOperator.identity());
        String noVersion = "{\"recordId\":\"bad\",\"modelInput\":{\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}}";
        String input = put("in/mixed.jsonl", claude("good-1", "fine") + "\n" + noVersion + "\n"
                + claude("good-2", "also fine"));
        GetModelInvocationJobResponse job = run(input, "s3://" + EmulatorFixture.BUCKET + "/out/");
        // PartiallyCompleted is for records not processed in time; refused records still complete the job
        assertEquals(ModelInvocationJobStatus.COMPLETED, job.status(), job.message());
        assertEquals(3L, job.totalRecordCount());
        assertEquals(3L, job.processedRecordCount());
        assertEquals(2L, job.successRecordCount());
        assertEquals(1L, job.errorRecordCount());
        List<JsonNode> lines = jsonLines(read("out/" + jobId(job) + "/mixed.jsonl.out"));
        JsonNode bad = lines.get(1);
        assertEquals("bad", bad.path("recordId").asText());
        assertEquals(400, bad.path("error").path("errorCode").asInt());
        assertEquals("Malformed input request: #: required key [anthropic_version] not found, please reformat your "
                + "input and try again.", bad.path("error").path("errorMessage").asText());
        assertEquals(10, bad.path("modelInput").path("max_tokens").asInt(), "the record's input comes back");
        assertFalse(bad.has("modelOutput"));
        JsonNode manifest = JSON.readTree(read("out/" + jobId(job) + "/manifest.json.out"));
        assertEquals(1, manifest.path("errorRecordCount").asInt());
        assertEquals(2, manifest.path("successRecordCount").asInt());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private GetModelInvocationJobResponse run(String input, String output) {
        String arn = fixture.bedrock.createModelInvocationJob(b -> b.jobName("v-" + UUID.randomUUID())
                .roleArn(fixture.roleArn()).modelId(MODEL)
                .inputDataConfig(i -> i.s3InputDataConfig(s -> s.s3Uri(input)))
                .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri(output)))).jobArn();
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            GetModelInvocationJobResponse job = fixture.bedrock.getModelInvocationJob(g -> g.jobIdentifier(arn));
            if (job.endTime() != null) {
                return job;
            }
            sleep();
        }
        return fail("job did not end: " + arn);
    }

    private static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String claude(String recordId, String text) {
        return "{\"recordId\":\"" + recordId + "\",\"modelInput\":{\"anthropic_version\":\"bedrock-2023-05-31\","
                + "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\""
                + text + "\"}]}]}}";
    }

    private static String lines(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(claude("rec-" + i, "record " + i));
        }
        return String.join("\n", lines);
    }

    private String put(String key, String content) {
        fixture.s3.putObject(p -> p.bucket(EmulatorFixture.BUCKET).key(key), RequestBody.fromString(content + "\n"));
        return "s3://" + EmulatorFixture.BUCKET + "/" + key;
    }

    private String read(String key) {
        return fixture.s3.getObjectAsBytes(g -> g.bucket(EmulatorFixture.BUCKET).key(key)).asUtf8String();
    }

    private List<String> outputs(String prefix) {
        return fixture.s3.listObjectsV2(l -> l.bucket(EmulatorFixture.BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private static String jobId(GetModelInvocationJobResponse job) {
        return job.jobArn().substring(job.jobArn().lastIndexOf('/') + 1);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<JsonNode> jsonLines(String text) {
        return text.lines().filter(line -> !line.isBlank()).map(BedrockInputValidationTest::parse).toList();
    }

    private static List<String> recordIds(String text) {
        return jsonLines(text).stream().map(line -> line.path("recordId").asText()).toList();
    }
}
