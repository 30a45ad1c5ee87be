package dev.caravan.model.job;

import dev.caravan.model.BatchStatus;
import dev.caravan.model.GatewayError;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A model invocation job's status, Bedrock's own enum (provider-apis.md §6.4): the bedrock surface reports nothing
 * else, whichever provider runs the job (DESIGN §5).
 */
public enum JobStatus {
    SUBMITTED("Submitted"),
    IN_PROGRESS("InProgress"),
    COMPLETED("Completed"),
    FAILED("Failed"),
    STOPPING("Stopping"),
    STOPPED("Stopped"),
    PARTIALLY_COMPLETED("PartiallyCompleted"),
    EXPIRED("Expired"),
    VALIDATING("Validating"),
    SCHEDULED("Scheduled");

    private final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean ended() {
        return this == COMPLETED || this == FAILED || this == STOPPED || this == PARTIALLY_COMPLETED
                || this == EXPIRED;
    }

    /**
     * The status of a job that is another provider's batch (DESIGN §5): finalizing is still InProgress and a
     * cancelling batch is Stopping, so no OpenAI value reaches a Bedrock client.
     */
    public static JobStatus ofBatch(BatchStatus status) {
        return switch (status) {
            case VALIDATING -> VALIDATING;
            case IN_PROGRESS, FINALIZING -> IN_PROGRESS;
            case COMPLETED -> COMPLETED;
            case FAILED -> FAILED;
            case EXPIRED -> EXPIRED;
            case CANCELLING -> STOPPING;
            case CANCELLED -> STOPPED;
        };
    }

    /** A status an upstream reported; empty for one this version does not know. */
    public static Optional<JobStatus> find(String value) {
        return Arrays.stream(values()).filter(status -> status.wireName.equals(value)).findFirst();
    }

    /** The status a caller names (statusEquals): the exact wire spelling, as the service model's enum demands. */
    public static JobStatus fromWire(String value, String field) {
        return find(value).orElseThrow(() -> GatewayError.invalid(field, "1 validation error detected: Value '" + value
                        + "' at '" + field + "' failed to satisfy constraint: Member must satisfy enum value set: ["
                        + Arrays.stream(values()).map(JobStatus::wireName).collect(Collectors.joining(", ")) + "]"));
    }
}
