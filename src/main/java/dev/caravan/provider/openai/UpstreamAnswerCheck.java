package dev.caravan.provider.openai;

import java.io.IOException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Runs inside the circuit breaker, right after the call: a 429 or 5xx answer is thrown as an
 * {@link UpstreamFailure}, so the breaker counts it and the retry policy can try again. Every other answer,
 * 4xx included, passes: the upstream is healthy and said no, which the response reader turns into the caller's error.
 * The failure carries the upstream's own error (read by the provider's {@link UpstreamErrorReader}) and its
 * {@code Retry-After}, which the caller gets once no attempt is left.
 */
public class UpstreamAnswerCheck {

    private final Clock clock;
    private final UpstreamErrorReader errors;

    /** For OpenAI's answers. */
    public UpstreamAnswerCheck(Clock clock) {
        this(clock, OpenAiUpstreamResponses::upstreamError);
    }

    public UpstreamAnswerCheck(Clock clock, UpstreamErrorReader errors) {
        this.clock = clock;
        this.errors = errors;
    }

    public void check(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status != 429 && status < 500) {
            return;
        }
        String retryAfter = message.getHeader("Retry-After", String.class);
        throw new UpstreamFailure(errors.read(message, status).withRetryAfter(retryAfter),
                RetryAfter.parse(message.getHeader("retry-after-ms", String.class), retryAfter, clock)
                        .orElse(null));
    }
}
