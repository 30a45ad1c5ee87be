package dev.caravan.sandbox.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;

/**
 * The lifecycle on an injected clock that moves only when the test moves it: each phase's timestamps, records
 * processed one by one through InProgress, Stop writing what was processed, Expired (not started before
 * jobExpirationTime, e.g. waiting for capacity) and PartiallyCompleted (jobExpirationTime passed while InProgress).
 */
class BedrockLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(T0);
    private EmulatorFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(Duration phase, int capacity) {
        fixture = EmulatorFixture.start(dataDir.resolve("s3"), s -> s.withClock(clock).withPhaseDuration(phase)
                .withMaxConcurrentJobs(capacity));
    }

    @Test
    void aJobThatTimesOutWhileInProgressIsPartiallyCompletedAndOneWaitingForCapacityExpires() throws IOException {
        Duration phase = Duration.ofHours(7); // Submitted 0-7 h, Validating 7-14 h, Scheduled 14-21 h, InProgress 21-28 h
        start(phase, 1);
        String first = create(input("ten", 10));
        String second = create(input("one", 1));
        assertEquals(T0.plus(Duration.ofHours(24)), get(first).jobExpirationTime());

        at(Duration.ofHours(7));
        GetModelInvocationJobResponse validating = get(first);
        assertEquals(ModelInvocationJobStatus.VALIDATING, validating.status());
        assertEquals(T0.plus(phase), validating.lastModifiedTime());

        at(Duration.ofHours(14));
        awaitStatus(first, ModelInvocationJobStatus.SCHEDULED);
        awaitStatus(second, ModelInvocationJobStatus.SCHEDULED);
        assertEquals(10L, get(first).totalRecordCount(), "counted once validated");
        assertEquals(0L, get(first).processedRecordCount());

        at(Duration.ofHours(21));
        GetModelInvocationJobResponse running = get(first);
        assertEquals(ModelInvocationJobStatus.IN_PROGRESS, running.status());
        assertEquals(T0.plus(Duration.ofHours(21)), running.lastModifiedTime());
        assertEquals(ModelInvocationJobStatus.SCHEDULED, get(second).status(), "one job at a time: it waits");

        // record i of 10 is done at 21 h + 0.7 h * (i + 1)
        at(Duration.ofMinutes(21 * 60 + 90));
        GetModelInvocationJobResponse halfway = get(first);
        assertEquals(2L, halfway.processedRecordCount());
        assertEquals(2L, halfway.successRecordCount());
        assertEquals(0L, halfway.errorRecordCount());
        assertNull(halfway.endTime());

        at(Duration.ofHours(24).plusSeconds(1));
        GetModelInvocationJobResponse partial = awaitStatus(first, ModelInvocationJobStatus.PARTIALLY_COMPLETED);
        assertEquals(10L, partial.totalRecordCount());
        assertEquals(4L, partial.processedRecordCount());
        assertEquals(4L, partial.successRecordCount());
        assertNotNull(partial.message());
        assertFalse(partial.endTime().isBefore(partial.jobExpirationTime()));
        assertFalse(partial.endTime().isAfter(clock.instant()));
        List<JsonNode> lines = jsonLines(read("out/" + id(first) + "/ten.jsonl.out"));
        assertEquals(List.of("rec-0", "rec-1", "rec-2", "rec-3"), lines.stream()
                .map(line -> line.path("recordId").asText()).toList());
        JsonNode manifest = JSON.readTree(read("out/" + id(first) + "/manifest.json.out"));
        assertEquals(10, manifest.path("totalRecordCount").asInt());
        assertEquals(4, manifest.path("processedRecordCount").asInt());

        GetModelInvocationJobResponse expired = get(second);
        assertEquals(ModelInvocationJobStatus.EXPIRED, expired.status());
        assertEquals(expired.jobExpirationTime(), expired.endTime());
        assertEquals(expired.jobExpirationTime(), expired.lastModifiedTime());
        assertEquals(0L, expired.processedRecordCount());
        assertTrue(expired.message().contains("did not start"), expired.message());
        assertTrue(fixture.s3.listObjectsV2(l -> l.bucket(EmulatorFixture.BUCKET).prefix("out/" + id(second)))
                .contents().isEmpty(), "an expired job wrote nothing");
    }

    @Test
    void aJobStillSubmittedAtItsExpirationExpires() {
        start(Duration.ofHours(30), 10);
        String arn = create(input("slow", 1));
        at(Duration.ofHours(23));
        assertEquals(ModelInvocationJobStatus.SUBMITTED, get(arn).status());
        at(Duration.ofHours(25));
        GetModelInvocationJobResponse expired = get(arn);
        assertEquals(ModelInvocationJobStatus.EXPIRED, expired.status());
        assertEquals(T0.plus(Duration.ofHours(24)), expired.endTime());
    }

    @Test
    void aLongerTimeoutMovesTheExpiration() {
        start(Duration.ofHours(30), 10);
        String arn = fixture.bedrock.createModelInvocationJob(b -> b.jobName("timeout-72").roleArn(fixture.roleArn())
                .modelId("anthropic.claude-3-haiku-20240307-v1:0").timeoutDurationInHours(72)
                .inputDataConfig(i -> i.s3InputDataConfig(s -> s.s3Uri(input("t", 1))))
                .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri("s3://" + EmulatorFixture.BUCKET
                        + "/out/")))).jobArn();
        GetModelInvocationJobResponse job = get(arn);
        assertEquals(72, job.timeoutDurationInHours());
        assertEquals(job.submitTime().plus(Duration.ofHours(72)), job.jobExpirationTime());
        at(Duration.ofHours(25));
        assertEquals(ModelInvocationJobStatus.SUBMITTED, get(arn).status(), "not expired at 25 h");
    }

    @Test
    void aJobCompletesOnePhaseAfterItStartedAndEachTransitionMovesLastModifiedTime() {
        Duration phase = Duration.ofMinutes(10);
        start(phase, 10);
        String arn = create(input("four", 4));
        List<Instant> modified = new ArrayList<>();
        modified.add(get(arn).lastModifiedTime());
        at(phase);
        modified.add(get(arn).lastModifiedTime());
        at(phase.multipliedBy(2));
        modified.add(awaitStatus(arn, ModelInvocationJobStatus.SCHEDULED).lastModifiedTime());
        at(phase.multipliedBy(3));
        GetModelInvocationJobResponse running = get(arn);
        assertEquals(ModelInvocationJobStatus.IN_PROGRESS, running.status());
        modified.add(running.lastModifiedTime());
        at(phase.multipliedBy(4));
        GetModelInvocationJobResponse done = awaitStatus(arn, ModelInvocationJobStatus.COMPLETED);
        modified.add(done.lastModifiedTime());
        assertEquals(List.of(T0, T0.plus(phase), T0.plus(phase.multipliedBy(2)), T0.plus(phase.multipliedBy(3)),
                T0.plus(phase.multipliedBy(4))), modified);
        assertEquals(T0.plus(phase.multipliedBy(4)), done.endTime());
        assertEquals(4L, done.processedRecordCount());
    }

    @Test
    void stoppingAnInProgressJobWritesWhatWasProcessed() throws IOException {
        Duration phase = Duration.ofHours(1);
        start(phase, 10);
        String arn = create(input("ten", 10));
        at(phase);
        get(arn);
        at(phase.multipliedBy(2));
        awaitStatus(arn, ModelInvocationJobStatus.SCHEDULED);
        at(phase.multipliedBy(3));
        assertEquals(ModelInvocationJobStatus.IN_PROGRESS, get(arn).status());
        at(Duration.ofMinutes(3 * 60 + 30));
        assertEquals(5L, get(arn).processedRecordCount());

        fixture.bedrock.stopModelInvocationJob(s -> s.jobIdentifier(arn));
        GetModelInvocationJobResponse stopping = get(arn);
        assertEquals(ModelInvocationJobStatus.STOPPING, stopping.status());
        assertEquals(clock.instant(), stopping.lastModifiedTime());
        assertNull(stopping.endTime());
        // another stop of a stopping job is accepted and changes nothing
        fixture.bedrock.stopModelInvocationJob(s -> s.jobIdentifier(arn));

        at(Duration.ofMinutes(4 * 60 + 30));
        GetModelInvocationJobResponse stopped = awaitStatus(arn, ModelInvocationJobStatus.STOPPED);
        assertEquals(T0.plus(Duration.ofMinutes(4 * 60 + 30)), stopped.endTime());
        assertEquals(5L, stopped.processedRecordCount());
        assertEquals(10L, stopped.totalRecordCount());
        assertEquals(5, jsonLines(read("out/" + id(arn) + "/ten.jsonl.out")).size());
        JsonNode manifest = JSON.readTree(read("out/" + id(arn) + "/manifest.json.out"));
        assertEquals(5, manifest.path("processedRecordCount").asInt());
        assertEquals(5, manifest.path("successRecordCount").asInt());
    }

    @Test
    void stoppingBeforeProcessingStartedWritesNothing() {
        Duration phase = Duration.ofHours(1);
        start(phase, 10);
        String arn = create(input("three", 3));
        at(phase);
        assertEquals(ModelInvocationJobStatus.VALIDATING, get(arn).status());
        fixture.bedrock.stopModelInvocationJob(s -> s.jobIdentifier(arn));
        assertEquals(ModelInvocationJobStatus.STOPPING, get(arn).status());
        at(phase.multipliedBy(2));
        GetModelInvocationJobResponse stopped = get(arn);
        assertEquals(ModelInvocationJobStatus.STOPPED, stopped.status());
        assertEquals(T0.plus(phase.multipliedBy(2)), stopped.endTime());
        assertTrue(fixture.s3.listObjectsV2(l -> l.bucket(EmulatorFixture.BUCKET).prefix("out/" + id(arn)))
                .contents().isEmpty());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private void at(Duration sinceStart) {
        clock.advance(Duration.between(clock.instant(), T0.plus(sinceStart)));
    }

    private String create(String input) {
        return fixture.bedrock.createModelInvocationJob(b -> b.jobName("life-" + UUID.randomUUID())
                .roleArn(fixture.roleArn()).modelId("anthropic.claude-3-haiku-20240307-v1:0")
                .inputDataConfig(i -> i.s3InputDataConfig(s -> s.s3Uri(input)))
                .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri("s3://" + EmulatorFixture.BUCKET
                        + "/out/")))).jobArn();
    }

    private String input(String name, int records) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            lines.add(BedrockInputValidationTest.claude("rec-" + i, "record " + i));
        }
        String key = "in/" + name + ".jsonl";
        fixture.s3.putObject(p -> p.bucket(EmulatorFixture.BUCKET).key(key),
                RequestBody.fromString(String.join("\n", lines) + "\n"));
        return "s3://" + EmulatorFixture.BUCKET + "/" + key;
    }

    private GetModelInvocationJobResponse get(String arn) {
        return fixture.bedrock.getModelInvocationJob(g -> g.jobIdentifier(arn));
    }

    /** Background work (reading, writing) finishes in real time while the clock stands still: wait for it. */
    private GetModelInvocationJobResponse awaitStatus(String arn, ModelInvocationJobStatus status) {
        return await(arn, job -> job.status() == status, "status " + status);
    }

    private GetModelInvocationJobResponse await(String arn, Predicate<GetModelInvocationJobResponse> done,
            String what) {
        Instant deadline = Instant.now().plusSeconds(20);
        GetModelInvocationJobResponse job;
        do {
            job = get(arn);
            if (done.test(job)) {
                return job;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } while (Instant.now().isBefore(deadline));
        return fail(arn + " never reached " + what + "; last " + job.status() + " " + job.message());
    }

    private String read(String key) {
        return fixture.s3.getObjectAsBytes(g -> g.bucket(EmulatorFixture.BUCKET).key(key)).asUtf8String();
    }

    private static String id(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static List<JsonNode> jsonLines(String text) {
        return BedrockInputValidationTest.jsonLines(text);
    }
}
