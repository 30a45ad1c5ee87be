package dev.caravan.provider.openai;

import dev.caravan.model.GatewayError;
import java.time.Duration;
import java.util.Optional;

/**
 * The upstream answered, but with 429 or a 5xx: a failure for the circuit breaker and worth another attempt for a
 * repeatable call. Its cause is the upstream's answer as a {@link GatewayError}, which is what the caller gets once
 * no attempt is left (the surfaces find it by walking the cause chain).
 */
public final class UpstreamFailure extends RuntimeException {

    private final Duration retryAfter;

    public UpstreamFailure(GatewayError answer, Duration retryAfter) {
        // no stack trace: this is an answer, not a bug, and it is thrown on every failed attempt
        super(answer.getMessage(), answer, false, false);
        this.retryAfter = retryAfter;
    }

    public GatewayError answer() {
        return (GatewayError) getCause();
    }

    /** How long the upstream asked Caravan to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
