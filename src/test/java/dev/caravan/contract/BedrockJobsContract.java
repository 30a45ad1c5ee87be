package dev.caravan.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.ConflictException;
import software.amazon.awssdk.services.bedrock.model.CreateModelInvocationJobRequest;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.ListModelInvocationJobsRequest;
import software.amazon.awssdk.services.bedrock.model.ListModelInvocationJobsResponse;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobSummary;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationType;
import software.amazon.awssdk.services.bedrock.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrock.model.SortOrder;
import software.amazon.awssdk.services.bedrock.model.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a user of the AWS SDK's {@link BedrockClient} (with an {@link S3Client} for the data) may rely on from the
 * Bedrock batch-inference control plane (provider-apis.md §6), written only against those two clients. Subclasses
 * point them at an implementation: the emulator directly, or Caravan's gateway. Only what both a faithful emulator
 * and a faithful gateway do is asserted: every create sends a valid roleArn and inputs valid for the model, and no
 * assertion depends on timing beyond polling with a deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BedrockJobsContract {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String CLAUDE = "anthropic.claude-3-sonnet-20240229-v1:0";
    protected static final String CLAUDE_HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";

    private static final Set<ModelInvocationJobStatus> ENDED = EnumSet.of(ModelInvocationJobStatus.COMPLETED,
            ModelInvocationJobStatus.PARTIALLY_COMPLETED, ModelInvocationJobStatus.FAILED,
            ModelInvocationJobStatus.STOPPED, ModelInvocationJobStatus.EXPIRED);
    /** The way to Completed, in order. */
    private static final List<ModelInvocationJobStatus> HAPPY_PATH = List.of(ModelInvocationJobStatus.SUBMITTED,
            ModelInvocationJobStatus.VALIDATING, ModelInvocationJobStatus.SCHEDULED,
            ModelInvocationJobStatus.IN_PROGRESS, ModelInvocationJobStatus.COMPLETED);

    protected abstract BedrockClient bedrock();

    protected abstract S3Client s3();

    /** A bucket that exists and the caller can write to. */
    protected abstract String bucket();

    /** How long a small job may take to end. */
    protected Duration patience() {
        return Duration.ofSeconds(30);
    }

    /** The service role every create names (the real API requires one). */
    protected String roleArn() {
        return "arn:aws:iam::123456789012:role/caravan-contract-batch";
    }

    // ---- (a) the documented workflow --------------------------------------------------------------------------

    @Test
    void aJobRunsFromUploadToResults() throws IOException {
        String prefix = uniquePrefix();
        String inputKey = prefix + "/batch_1.jsonl";
        List<String> ids = List.of("CALL0000001", "CALL0000002", "CALL0000003");
        put(inputKey, claudeLine(ids.get(0), "Summarize the call about a late delivery."),
                claudeLine(ids.get(1), "Summarize the call about a refund."),
                claudeLine(ids.get(2), "Summarize the call about a broken charger."));
        String output = "s3://" + bucket() + "/" + prefix + "-output/";
        String name = "contract-e2e-" + shortId();

        String arn = bedrock().createModelInvocationJob(create(name, CLAUDE, "s3://" + bucket() + "/" + inputKey,
                output)).jobArn();
        assertTrue(arn.matches("arn:aws:bedrock:[a-z0-9-]+:[0-9]{12}:model-invocation-job/[a-z0-9]{12}"), arn);

        List<ModelInvocationJobStatus> seen = new ArrayList<>();
        GetModelInvocationJobResponse done = awaitEnd(arn, job -> seen.add(job.status()));
        assertEquals(ModelInvocationJobStatus.COMPLETED, done.status(), "message: " + done.message());
        int reached = 0;
        for (ModelInvocationJobStatus status : seen) {
            int at = HAPPY_PATH.indexOf(status);
            assertTrue(at >= reached, "statuses go forward along " + HAPPY_PATH + ": " + seen);
            reached = at;
        }
        assertEquals(name, done.jobName());
        assertEquals(CLAUDE, done.modelId());
        assertEquals(roleArn(), done.roleArn());
        assertEquals(3L, done.totalRecordCount());
        assertEquals(3L, done.processedRecordCount());
        assertEquals(3L, done.successRecordCount());
        assertEquals(0L, done.errorRecordCount());
        assertNotNull(done.submitTime());
        assertNotNull(done.endTime());
        assertFalse(done.endTime().isBefore(done.submitTime()));
        assertEquals(done.submitTime().plus(Duration.ofHours(24)), done.jobExpirationTime(),
                "jobExpirationTime is submitTime + timeoutDurationInHours (24 by default)");
        assertEquals("s3://" + bucket() + "/" + inputKey, done.inputDataConfig().s3InputDataConfig().s3Uri());
        assertEquals(output, done.outputDataConfig().s3OutputDataConfig().s3Uri());

        ListModelInvocationJobsResponse listed = bedrock().listModelInvocationJobs(l -> l.maxResults(20)
                .nameContains(name));
        assertEquals(List.of(arn), listed.invocationJobSummaries().stream().map(ModelInvocationJobSummary::jobArn)
                .toList());
        assertEquals(ModelInvocationJobStatus.COMPLETED, listed.invocationJobSummaries().get(0).status());

        String jobId = arn.substring(arn.lastIndexOf('/') + 1);
        String results = prefix + "-output/" + jobId + "/";
        List<JsonNode> lines = jsonLines(read(results + "batch_1.jsonl.out"));
        assertEquals(3, lines.size());
        Set<String> resultIds = new HashSet<>();
        for (JsonNode line : lines) {
            resultIds.add(line.path("recordId").asText());
            assertTrue(line.path("modelInput").has("messages"), "the record's modelInput comes back: " + line);
            JsonNode message = line.path("modelOutput");
            assertEquals("message", message.path("type").asText(), line.toString());
            assertEquals("assistant", message.path("role").asText());
            assertEquals("text", message.path("content").path(0).path("type").asText());
            assertFalse(message.path("content").path(0).path("text").asText().isBlank());
            assertTrue(message.path("usage").path("input_tokens").asLong() > 0);
            assertTrue(message.path("usage").path("output_tokens").asLong() > 0);
            assertFalse(line.has("error"));
        }
        assertEquals(Set.copyOf(ids), resultIds, "results are matched to records by recordId");

        JsonNode manifest = JSON.readTree(read(results + "manifest.json.out"));
        assertEquals(3, manifest.path("totalRecordCount").asLong());
        assertEquals(3, manifest.path("processedRecordCount").asLong());
        assertEquals(3, manifest.path("successRecordCount").asLong());
        assertEquals(0, manifest.path("errorRecordCount").asLong());
        assertTrue(manifest.path("inputTokenCount").asLong() > 0, manifest.toString());
        assertTrue(manifest.path("outputTokenCount").asLong() > 0, manifest.toString());
    }

    // ---- (b) stop -----------------------------------------------------------------------------------------------

    @Test
    void aStoppedJobGoesThroughStoppingToStopped() {
        String arn = newJob("contract-stop-" + shortId(), 3);

        bedrock().stopModelInvocationJob(s -> s.jobIdentifier(arn));

        List<ModelInvocationJobStatus> seen = new ArrayList<>();
        GetModelInvocationJobResponse stopped = awaitEnd(arn, job -> seen.add(job.status()));
        assertEquals(ModelInvocationJobStatus.STOPPED, stopped.status(), "seen " + seen);
        assertTrue(Set.of(ModelInvocationJobStatus.STOPPING, ModelInvocationJobStatus.STOPPED)
                .containsAll(seen), "after the stop only Stopping and Stopped: " + seen);
        assertNotNull(stopped.endTime(), "a stopped job has ended");
        assertFalse(stopped.endTime().isBefore(stopped.submitTime()));
    }

    // ---- (c) identifiers ------------------------------------------------------------------------------------------

    @Test
    void getAndStopTakeTheArnOrTheBareId() {
        String arn = newJob("contract-ids-" + shortId(), 1);
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        assertTrue(id.matches("[a-z0-9]{12}"), id);

        GetModelInvocationJobResponse byArn = bedrock().getModelInvocationJob(g -> g.jobIdentifier(arn));
        GetModelInvocationJobResponse byId = bedrock().getModelInvocationJob(g -> g.jobIdentifier(id));
        assertEquals(arn, byArn.jobArn());
        assertEquals(arn, byId.jobArn());
        assertEquals(byArn.jobName(), byId.jobName());
        assertEquals(byArn.submitTime(), byId.submitTime());

        bedrock().stopModelInvocationJob(s -> s.jobIdentifier(id));
        assertTrue(Set.of(ModelInvocationJobStatus.STOPPING, ModelInvocationJobStatus.STOPPED)
                .contains(bedrock().getModelInvocationJob(g -> g.jobIdentifier(arn)).status()));

        String other = newJob("contract-ids-" + shortId(), 1);
        bedrock().stopModelInvocationJob(s -> s.jobIdentifier(other));
        String otherId = other.substring(other.lastIndexOf('/') + 1);
        assertTrue(Set.of(ModelInvocationJobStatus.STOPPING, ModelInvocationJobStatus.STOPPED)
                .contains(bedrock().getModelInvocationJob(g -> g.jobIdentifier(otherId)).status()));
        assertEquals(ModelInvocationJobStatus.STOPPED, awaitEnd(arn, job -> { }).status());
        assertEquals(ModelInvocationJobStatus.STOPPED, awaitEnd(other, job -> { }).status());
    }

    // ---- (d) list -------------------------------------------------------------------------------------------------

    @Test
    void listFiltersSortsAndPages() {
        String marker = "lst" + shortId();
        String input = upload(uniquePrefix() + "/shared.jsonl", 1);
        Map<String, Instant> submitted = new LinkedHashMap<>();
        List<String> stoppedArns = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            String arn = bedrock().createModelInvocationJob(create(marker + "-" + i, CLAUDE, input, outputUri()))
                    .jobArn();
            submitted.put(arn, null);
            if (i < 3) {
                // stopped at once, so that statusEquals=Stopped below has a known answer
                bedrock().stopModelInvocationJob(s -> s.jobIdentifier(arn));
                stoppedArns.add(arn);
            }
        }
        for (String arn : submitted.keySet()) {
            submitted.put(arn, bedrock().getModelInvocationJob(g -> g.jobIdentifier(arn)).submitTime());
        }

        // pagination: 10 + 10 + 6, every job exactly once
        List<String> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListModelInvocationJobsResponse page = bedrock().listModelInvocationJobs(l -> l.maxResults(10)
                    .nameContains(marker).nextToken(next));
            sizes.add(page.invocationJobSummaries().size());
            page.invocationJobSummaries().forEach(job -> paged.add(job.jobArn()));
            token = page.nextToken();
        } while (token != null && sizes.size() < 10);
        assertEquals(List.of(10, 10, 6), sizes);
        assertEquals(26, paged.size());
        assertEquals(submitted.keySet(), Set.copyOf(paged), "all 26, each once");

        // the SDK's paginator walks the same pages
        List<String> viaPaginator = bedrock().listModelInvocationJobsPaginator(l -> l.maxResults(10)
                .nameContains(marker)).invocationJobSummaries().stream().map(ModelInvocationJobSummary::jobArn).toList();
        assertEquals(26, viaPaginator.size());
        assertEquals(submitted.keySet(), Set.copyOf(viaPaginator));

        // sort order by submit time
        List<Instant> ascending = listAll(l -> l.nameContains(marker).sortBy("CreationTime")
                .sortOrder(SortOrder.ASCENDING)).stream().map(ModelInvocationJobSummary::submitTime).toList();
        List<Instant> descending = listAll(l -> l.nameContains(marker).sortBy("CreationTime")
                .sortOrder(SortOrder.DESCENDING)).stream().map(ModelInvocationJobSummary::submitTime).toList();
        assertEquals(26, ascending.size());
        assertEquals(26, descending.size());
        for (int i = 1; i < 26; i++) {
            assertFalse(ascending.get(i).isBefore(ascending.get(i - 1)), "ascending: " + ascending);
            assertFalse(descending.get(i).isAfter(descending.get(i - 1)), "descending: " + descending);
        }

        // submit-time bounds: whatever the bound's own instant does, earlier and later jobs are placed right
        Instant middle = ascending.get(13);
        Set<String> after = arns(listAll(l -> l.nameContains(marker).submitTimeAfter(middle)));
        Set<String> before = arns(listAll(l -> l.nameContains(marker).submitTimeBefore(middle)));
        submitted.forEach((arn, time) -> {
            if (time.isAfter(middle)) {
                assertTrue(after.contains(arn) && !before.contains(arn), arn + " at " + time);
            } else if (time.isBefore(middle)) {
                assertTrue(before.contains(arn) && !after.contains(arn), arn + " at " + time);
            }
        });
        assertEquals(26, listAll(l -> l.nameContains(marker).submitTimeAfter(Instant.now().minus(Duration.ofDays(1)))
                .submitTimeBefore(Instant.now().plus(Duration.ofDays(1)))).size());
        assertTrue(listAll(l -> l.nameContains(marker).submitTimeAfter(Instant.now().plus(Duration.ofDays(1))))
                .isEmpty());

        // statusEquals: the three stopped at creation are the Stopped ones, once they have ended
        stoppedArns.forEach(arn -> awaitEnd(arn, job -> { }));
        List<ModelInvocationJobSummary> stopped = listAll(l -> l.nameContains(marker)
                .statusEquals(ModelInvocationJobStatus.STOPPED));
        assertEquals(Set.copyOf(stoppedArns), arns(stopped));
        stopped.forEach(job -> assertEquals(ModelInvocationJobStatus.STOPPED, job.status()));
        List<ModelInvocationJobSummary> failed = listAll(l -> l.nameContains(marker)
                .statusEquals(ModelInvocationJobStatus.FAILED));
        assertTrue(failed.isEmpty(), "valid inputs do not fail: " + failed);
        for (ModelInvocationJobSummary job : listAll(l -> l.nameContains(marker)
                .statusEquals(ModelInvocationJobStatus.COMPLETED))) {
            assertEquals(ModelInvocationJobStatus.COMPLETED, job.status());
        }
        submitted.keySet().forEach(arn -> awaitEnd(arn, job -> { }));
    }

    // ---- (e) idempotency ------------------------------------------------------------------------------------------

    @Test
    void aRepeatedClientRequestTokenReturnsTheSameJob() {
        String name = "contract-idem-" + shortId();
        String input = upload(uniquePrefix() + "/idem.jsonl", 1);
        String token = UUID.randomUUID().toString();
        CreateModelInvocationJobRequest request = create(name, CLAUDE, input, outputUri()).toBuilder()
                .clientRequestToken(token).build();

        String first = bedrock().createModelInvocationJob(request).jobArn();
        String second = bedrock().createModelInvocationJob(request).jobArn();

        assertEquals(first, second);
        assertEquals(List.of(first), arns(listAll(l -> l.nameContains(name))).stream().toList());
        ConflictException conflict = assertThrows(ConflictException.class, () -> bedrock().createModelInvocationJob(
                request.toBuilder().jobName(name + "-other").build()));
        assertEquals(400, conflict.statusCode());
        assertTrue(listAll(l -> l.nameContains(name + "-other")).isEmpty(), "the conflicting create made no job");
        awaitEnd(first, job -> { });
    }

    // ---- (f) errors -----------------------------------------------------------------------------------------------

    @Test
    void errorsComeAsTheSdksExceptionTypes() {
        String unknown = "zz" + shortId().substring(0, 10);
        ResourceNotFoundException notFound = assertThrows(ResourceNotFoundException.class,
                () -> bedrock().getModelInvocationJob(g -> g.jobIdentifier(unknown)));
        assertEquals(404, notFound.statusCode());
        assertThrows(ResourceNotFoundException.class,
                () -> bedrock().stopModelInvocationJob(s -> s.jobIdentifier(unknown)));

        String arn = newJob("contract-err-" + shortId(), 1);
        String unknownArn = arn.substring(0, arn.lastIndexOf('/') + 1) + unknown;
        assertThrows(ResourceNotFoundException.class,
                () -> bedrock().getModelInvocationJob(g -> g.jobIdentifier(unknownArn)));

        ValidationException malformed = assertThrows(ValidationException.class,
                () -> bedrock().getModelInvocationJob(g -> g.jobIdentifier("arn:aws:bedrock:us-east-1:123:job/x")));
        assertEquals(400, malformed.statusCode());

        String input = upload(uniquePrefix() + "/err.jsonl", 1);
        ValidationException badName = assertThrows(ValidationException.class,
                () -> bedrock().createModelInvocationJob(create("bad name!", CLAUDE, input, outputUri())));
        assertTrue(badName.awsErrorDetails().errorMessage().contains("jobName"),
                badName.awsErrorDetails().errorMessage());

        GetModelInvocationJobResponse completed = awaitEnd(arn, job -> { });
        assertEquals(ModelInvocationJobStatus.COMPLETED, completed.status(), "message: " + completed.message());
        assertThrows(ValidationException.class, () -> bedrock().stopModelInvocationJob(s -> s.jobIdentifier(arn)));
        assertEquals(ModelInvocationJobStatus.COMPLETED,
                bedrock().getModelInvocationJob(g -> g.jobIdentifier(arn)).status(), "the refused stop changed nothing");
    }

    // ---- (g) Converse ---------------------------------------------------------------------------------------------

    @Test
    void aConverseJobAnswersWithConverseResponses() throws IOException {
        String prefix = uniquePrefix();
        String inputKey = prefix + "/converse.jsonl";
        put(inputKey, converseLine("conv-1", "What is the capital of France?"),
                converseLine("conv-2", "Name a prime number."));
        String output = "s3://" + bucket() + "/" + prefix + "-output/";
        String arn = bedrock().createModelInvocationJob(create("contract-converse-" + shortId(), CLAUDE_HAIKU,
                "s3://" + bucket() + "/" + inputKey, output).toBuilder()
                .modelInvocationType(ModelInvocationType.CONVERSE).build()).jobArn();

        GetModelInvocationJobResponse done = awaitEnd(arn, job -> { });
        assertEquals(ModelInvocationJobStatus.COMPLETED, done.status(), "message: " + done.message());
        assertEquals(ModelInvocationType.CONVERSE, done.modelInvocationType());
        assertEquals(2L, done.successRecordCount());

        String jobId = arn.substring(arn.lastIndexOf('/') + 1);
        List<JsonNode> lines = jsonLines(read(prefix + "-output/" + jobId + "/converse.jsonl.out"));
        assertEquals(Set.of("conv-1", "conv-2"), Set.of(lines.get(0).path("recordId").asText(),
                lines.get(1).path("recordId").asText()));
        for (JsonNode line : lines) {
            JsonNode response = line.path("modelOutput");
            assertEquals("assistant", response.path("output").path("message").path("role").asText(), line.toString());
            assertFalse(response.path("output").path("message").path("content").path(0).path("text").asText()
                    .isBlank());
            assertTrue(Set.of("end_turn", "max_tokens", "stop_sequence").contains(response.path("stopReason")
                    .asText()), response.toString());
            JsonNode usage = response.path("usage");
            assertTrue(usage.path("inputTokens").asLong() > 0);
            assertTrue(usage.path("outputTokens").asLong() > 0);
            assertEquals(usage.path("inputTokens").asLong() + usage.path("outputTokens").asLong(),
                    usage.path("totalTokens").asLong());
            assertTrue(response.path("metrics").has("latencyMs"), response.toString());
            assertFalse(response.has("content"), "not a Claude Messages body: " + response);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    protected CreateModelInvocationJobRequest create(String name, String model, String inputUri, String outputUri) {
        return CreateModelInvocationJobRequest.builder()
                .jobName(name)
                .roleArn(roleArn())
                .modelId(model)
                .inputDataConfig(i -> i.s3InputDataConfig(s -> s.s3Uri(inputUri).s3InputFormat("JSONL")))
                .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri(outputUri)))
                .build();
    }

    /** A Claude job over a fresh input of {@code records} records. */
    protected String newJob(String name, int records) {
        String input = upload(uniquePrefix() + "/batch_" + records + ".jsonl", records);
        return bedrock().createModelInvocationJob(create(name, CLAUDE, input, outputUri())).jobArn();
    }

    protected String upload(String key, int records) {
        String[] lines = new String[records];
        for (int i = 0; i < records; i++) {
            lines[i] = claudeLine("rec" + i, "Record number " + i + " says hello.");
        }
        put(key, lines);
        return "s3://" + bucket() + "/" + key;
    }

    protected String outputUri() {
        return "s3://" + bucket() + "/contract-output/";
    }

    protected void put(String key, String... lines) {
        s3().putObject(p -> p.bucket(bucket()).key(key), RequestBody.fromString(String.join("\n", lines) + "\n"));
    }

    protected String read(String key) {
        return s3().getObjectAsBytes(g -> g.bucket(bucket()).key(key)).asUtf8String();
    }

    protected static String claudeLine(String recordId, String text) {
        ObjectNode line = JSON.createObjectNode();
        line.put("recordId", recordId);
        ObjectNode input = line.putObject("modelInput");
        input.put("anthropic_version", "bedrock-2023-05-31");
        input.put("max_tokens", 256);
        ObjectNode message = input.putArray("messages").addObject();
        message.put("role", "user");
        ObjectNode block = message.putArray("content").addObject();
        block.put("type", "text");
        block.put("text", text);
        return line.toString();
    }

    protected static String converseLine(String recordId, String text) {
        ObjectNode line = JSON.createObjectNode();
        line.put("recordId", recordId);
        ObjectNode input = line.putObject("modelInput");
        ObjectNode message = input.putArray("messages").addObject();
        message.put("role", "user");
        message.putArray("content").addObject().put("text", text);
        input.putObject("inferenceConfig").put("maxTokens", 128);
        return line.toString();
    }

    /** Polls Get until the job has ended, reporting every answer; fails after {@link #patience()}. */
    protected GetModelInvocationJobResponse awaitEnd(String arn, Consumer<GetModelInvocationJobResponse> seen) {
        Instant deadline = Instant.now().plus(patience());
        while (true) {
            GetModelInvocationJobResponse job = bedrock().getModelInvocationJob(g -> g.jobIdentifier(arn));
            seen.accept(job);
            if (ENDED.contains(job.status())) {
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("job " + arn + " still " + job.status() + " after " + patience());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    protected List<ModelInvocationJobSummary> listAll(Consumer<ListModelInvocationJobsRequest.Builder> query) {
        List<ModelInvocationJobSummary> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListModelInvocationJobsResponse page = bedrock().listModelInvocationJobs(l -> {
                query.accept(l);
                l.maxResults(100).nextToken(next);
            });
            all.addAll(page.invocationJobSummaries());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    private static Set<String> arns(List<ModelInvocationJobSummary> jobs) {
        Set<String> arns = new HashSet<>();
        jobs.forEach(job -> assertTrue(arns.add(job.jobArn()), "listed twice: " + job.jobArn()));
        return arns;
    }

    protected static List<JsonNode> jsonLines(String text) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    protected static String uniquePrefix() {
        return "contract-" + shortId();
    }

    /** 12 lower-case hex digits: fits job names and S3 keys. */
    protected static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
