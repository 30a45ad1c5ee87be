package dev.caravan.provider.openai;

import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

/**
 * Sends the prepared upstream request to {@code direct:openai-upstream} until it succeeds or
 * {@link UpstreamRetryPolicy} says stop; each attempt starts from the request exactly as it was before the first. When
 * the attempts end in failure, the last failure stays on the exchange and the caller gets the upstream's last answer.
 *
 * <p>A loop rather than Camel's redelivery error handler: in a route called from a surface route, that error handler
 * marks an exhausted failure as already handled, and the surface's {@code onException} then never renders it (the
 * caller got a bare 500 instead of OpenAI's envelope). Undoing that means resetting Camel's internal exchange flags;
 * a dozen lines of loop say what happens plainly. The wait blocks the request's worker thread, as the upstream call
 * itself does, and is bounded by the retry settings.
 */
public class RetryingCall implements Processor {

    private final ProducerTemplate template;
    private final String upstream;
    private final UpstreamRetryPolicy policy;

    public RetryingCall(ProducerTemplate template, String upstream, UpstreamRetryPolicy policy) {
        this.template = template;
        this.upstream = upstream;
        this.policy = policy;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message request = exchange.getIn().copy();
        for (int attempts = 1; ; attempts++) {
            template.send(upstream, exchange);
            Exception failure = exchange.getException();
            if (failure == null) {
                return;
            }
            Optional<Duration> wait = policy.afterFailure(exchange, failure, attempts);
            if (wait.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(wait.get().toMillis());
            } catch (InterruptedException e) {
                // shutting down: the caller gets the failure at hand
                Thread.currentThread().interrupt();
                return;
            }
            exchange.setException(null);
            exchange.getIn().copyFrom(request);
        }
    }
}
