package dev.caravan.provider.openai;

import dev.caravan.provider.RetrySettings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

/** Which failures are tried again, and when. */
class UpstreamRetryPolicyTest {

    private static final Duration STEP = Duration.ofMillis(100);
    private final UpstreamRetryPolicy policy = new UpstreamRetryPolicy("openai",
            new RetrySettings(3, STEP, Duration.ofSeconds(1), Duration.ofSeconds(20)),
            new Backoff(STEP, Duration.ofSeconds(1), () -> 0.0), CircuitBreaker.ofDefaults("test"));

    private static UpstreamFailure answer(int status, Duration retryAfter) {
        return new UpstreamFailure(GatewayError.upstream(status, "upstream says no", null, null, null), retryAfter);
    }

    @Test
    void transport_failures_and_429_5xx_are_retried_with_backoff() {
        assertEquals(Optional.of(Duration.ofMillis(50)),
                policy.nextWait(new RuntimeCamelException(new ConnectException("refused")), 1, State.CLOSED));
        assertEquals(Optional.of(Duration.ofMillis(100)),
                policy.nextWait(new SocketTimeoutException("Read timed out"), 2, State.CLOSED));
        assertEquals(Optional.of(Duration.ofMillis(50)), policy.nextWait(answer(503, null), 1, State.CLOSED));
        assertEquals(Optional.of(Duration.ofMillis(50)), policy.nextWait(answer(429, null), 1, State.HALF_OPEN));
    }

    @Test
    void retry_after_is_the_wait_up_to_the_cap() {
        assertEquals(Optional.of(Duration.ofSeconds(20)),
                policy.nextWait(answer(429, Duration.ofSeconds(20)), 1, State.CLOSED));
        assertEquals(Optional.empty(), policy.nextWait(answer(429, Duration.ofSeconds(21)), 1, State.CLOSED));
    }

    @Test
    void attempts_are_bounded() {
        assertEquals(Optional.empty(), policy.nextWait(answer(500, null), 3, State.CLOSED));
    }

    @Test
    void an_open_breaker_ends_the_retries() {
        assertEquals(Optional.empty(), policy.nextWait(answer(500, null), 1, State.OPEN));
        assertEquals(Optional.empty(), policy.nextWait(answer(500, null), 1, State.FORCED_OPEN));
    }

    @Test
    void answers_and_our_own_errors_are_not_retried() {
        assertEquals(Optional.empty(), policy.nextWait(GatewayError.notFound("file_id", "No such file"), 1,
                State.CLOSED));
        assertEquals(Optional.empty(), policy.nextWait(GatewayError.of(ErrorKind.UPSTREAM_CIRCUIT_OPEN, "open"), 1,
                State.CLOSED));
        assertEquals(Optional.empty(), policy.nextWait(new IllegalStateException("bug"), 1, State.CLOSED));
    }

    @Test
    void an_io_failure_of_caravan_itself_counts_as_transport() {
        // documents the one blind spot: for the calls retried (no request body), I/O only happens on the network
        assertEquals(Optional.of(Duration.ofMillis(50)),
                policy.nextWait(new FileNotFoundException("spool"), 1, State.CLOSED));
    }
}
