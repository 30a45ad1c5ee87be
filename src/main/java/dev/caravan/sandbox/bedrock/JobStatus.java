package dev.caravan.sandbox.bedrock;

import java.util.Arrays;
import java.util.List;

/** ModelInvocationJobStatus (provider-apis.md §6.4), with its wire names. */
enum JobStatus {
    SUBMITTED("Submitted"),
    VALIDATING("Validating"),
    SCHEDULED("Scheduled"),
    IN_PROGRESS("InProgress"),
    COMPLETED("Completed"),
    PARTIALLY_COMPLETED("PartiallyCompleted"),
    FAILED("Failed"),
    STOPPING("Stopping"),
    STOPPED("Stopped"),
    EXPIRED("Expired");

    static final List<String> WIRE_NAMES = Arrays.stream(values()).map(JobStatus::wire).toList();

    private final String wire;

    JobStatus(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    /** A job in one of these statuses has ended: it has an endTime and can no longer be stopped. */
    boolean ended() {
        return this == COMPLETED || this == PARTIALLY_COMPLETED || this == FAILED || this == STOPPED
                || this == EXPIRED;
    }

    static JobStatus ofWire(String name) {
        for (JobStatus status : values()) {
            if (status.wire.equals(name)) {
                return status;
            }
        }
        return null;
    }
}
