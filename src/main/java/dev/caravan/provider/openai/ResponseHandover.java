package dev.caravan.provider.openai;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * Keeps a streamed upstream response open across the circuit breaker. camel-http (with stream caching off) closes
 * the response when the exchange that made the call completes. The circuitBreaker EIP runs its steps on a copy of
 * the exchange that completes as soon as the breaker is done, which would drain and close a file download before
 * the surface streams it to the caller. So, as the breaker's last step, the copy's completion tasks are parked on a
 * holder; after the breaker the real exchange adopts them and closes the response when the caller's request ends,
 * exactly as without a breaker. A failed call is not parked: its response is closed with the copy, at once.
 */
public class ResponseHandover {

    static final String PARKED = "caravanParkedCompletions";

    /** Inside the breaker, on its copy of the exchange. */
    public void park(Exchange copy) {
        Exchange holder = new DefaultExchange(copy.getContext());
        copy.getExchangeExtension().handoverCompletions(holder);
        copy.setProperty(PARKED, holder);
    }

    /** After the breaker, on the real exchange (the breaker copied the properties back). */
    public void adopt(Exchange exchange) {
        Exchange holder = exchange.getProperty(PARKED, Exchange.class);
        exchange.removeProperty(PARKED);
        if (holder != null) {
            holder.getExchangeExtension().handoverCompletions(exchange);
        }
    }
}
