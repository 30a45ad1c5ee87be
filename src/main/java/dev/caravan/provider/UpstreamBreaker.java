package dev.caravan.provider;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A circuit breaker around calls made with an AWS SDK client (the bedrock provider's S3 store and its control
 * plane): once the upstream keeps failing (unreachable, timing out, answering 5xx), calls are refused with a 503 at
 * once for a while instead of each waiting out its own timeouts and retries. A caller's mistake (a 4xx, a 501 for
 * something the upstream does not do) says nothing about the upstream and does not count.
 */
public final class UpstreamBreaker {

    private final String upstream;
    private final BreakerSettings settings;
    private final CircuitBreaker breaker;

    /** @param upstream how messages name the upstream, e.g. "The S3 store" */
    public UpstreamBreaker(String name, String upstream, BreakerSettings settings) {
        this.upstream = upstream;
        this.settings = settings;
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.from(settings.toConfig())
                .recordException(UpstreamBreaker::upstreamFailure).build());
    }

    /** Runs the call through the breaker; what the SDK throws is translated before it is judged and rethrown. */
    public <T> T call(Supplier<T> operation, Function<SdkException, GatewayError> translate) {
        if (!breaker.tryAcquirePermission()) {
            throw GatewayError.of(ErrorKind.UPSTREAM_CIRCUIT_OPEN, upstream + " is failing; Caravan stopped "
                    + "calling it for " + settings.waitInOpen().toSeconds() + " s. Try again later.");
        }
        long start = System.nanoTime();
        try {
            T result = operation.get();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (SdkException failure) {
            GatewayError error = translate.apply(failure);
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, error);
            throw error;
        } catch (RuntimeException failure) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            throw failure;
        }
    }

    private static boolean upstreamFailure(Throwable failure) {
        return failure instanceof GatewayError error && (error.kind() == ErrorKind.UPSTREAM_UNAVAILABLE
                || error.kind() == ErrorKind.UPSTREAM_TIMEOUT || error.status() >= 500 && error.status() != 501);
    }
}
