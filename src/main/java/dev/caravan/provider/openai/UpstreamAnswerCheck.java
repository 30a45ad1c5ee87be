package dev.caravan.provider.openai;

import java.io.IOException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Runs inside the circuit breaker, right after the call: a 429 or 5xx answer is thrown as an
 * {@link UpstreamFailure}, so the breaker counts it and the retry policy can try again. Every other answer,
 * 4xx included, passes: the upstream is healthy and said no, which the response reader turns into the caller's error.
 */
public class UpstreamAnswerCheck {

    private final Clock clock;

    public UpstreamAnswerCheck(Clock clock) {
        this.clock = clock;
    }

    public void check(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        int status = OpenAiUpstreamResponses.status(message);
        if (status != 429 && status < 500) {
            return;
        }
        throw new UpstreamFailure(OpenAiUpstreamResponses.upstreamError(message, status),
                RetryAfter.parse(message.getHeader("retry-after-ms", String.class),
                        message.getHeader("Retry-After", String.class), clock).orElse(null));
    }
}
