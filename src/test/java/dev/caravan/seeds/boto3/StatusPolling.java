package dev.caravan.seeds.boto3;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;

/**
 * The page's "Step 4: Poll for completion": get_model_invocation_job until the status is one of
 * {@code ["Completed", "Failed", "Stopped"]}. The page polls 20 times, 10 s apart; the sandbox moves a job one phase
 * every 300 ms, so this polls every 150 ms, within a 30 s deadline that only a stuck job reaches.
 */
final class StatusPolling {

    /** The page's terminal states, exactly its list. */
    static final Set<String> TERMINAL = Set.of("Completed", "Failed", "Stopped");
    private static final Duration INTERVAL = Duration.ofMillis(150);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** The last answer (terminal unless the deadline passed) and every status the polls saw, in order. */
    record Polled(GetModelInvocationJobResponse last, List<String> statuses) {

        boolean reachedTerminalState() {
            return TERMINAL.contains(last.statusAsString());
        }
    }

    private StatusPolling() {
    }

    static Polled untilTerminal(BedrockClient bedrock, String jobArn) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        List<String> statuses = new ArrayList<>();
        while (true) {
            GetModelInvocationJobResponse status = bedrock.getModelInvocationJob(get -> get.jobIdentifier(jobArn));
            statuses.add(status.statusAsString());
            if (TERMINAL.contains(status.statusAsString()) || Instant.now().isAfter(deadline)) {
                return new Polled(status, List.copyOf(statuses));
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
