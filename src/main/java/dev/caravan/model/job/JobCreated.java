package dev.caravan.model.job;

/** The answer to CreateModelInvocationJob. */
public record JobCreated(String jobArn) {
}
