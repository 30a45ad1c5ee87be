package dev.caravan.model.job;

/** The answer to StopModelInvocationJob: the job was asked to stop (the wire answer is an empty object). */
public record JobStopped(String jobIdentifier) {
}
