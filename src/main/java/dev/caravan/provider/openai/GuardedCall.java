package dev.caravan.provider.openai;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route that makes a provider's upstream call, inside the provider's circuit breaker. Only upstream failures
 * leave the breaker as exceptions (transport errors from camel-http, and 429 / 5xx answers thrown by
 * {@link UpstreamAnswerCheck}), so those are exactly what it counts; a 4xx answer is a success for it. While it is
 * open, the call is refused before anything is sent and the caller gets the {@link CircuitOpenRefusal}'s 503. A
 * streamed answer stays open past the breaker ({@link ResponseHandover}).
 *
 * @param from        the route's endpoint, e.g. {@code direct:openai-upstream}
 * @param upstream    the camel-http endpoint the prepared request is sent to
 * @param breakerName the registry name of the provider's resilience4j {@code CircuitBreaker}
 */
public record GuardedCall(String from, String routeId, String upstream, String breakerName) {

    public void addTo(RouteBuilder routes, UpstreamAnswerCheck answers, CircuitOpenRefusal refusal) {
        ResponseHandover handover = new ResponseHandover();
        routes.from(from).routeId(routeId)
                .doTry()
                    .circuitBreaker()
                        .resilience4jConfiguration()
                            .circuitBreaker(breakerName)
                            .throwExceptionWhenHalfOpenOrOpenState(true)
                        .end()
                        .to(upstream)
                        .process(answers::check)
                        .process(handover::park)
                    .endCircuitBreaker()
                .endDoTry()
                .doCatch(CallNotPermittedException.class)
                    .process(exchange -> refusal.refuse())
                .end()
                .process(handover::adopt);
    }
}
