package dev.caravan.provider.openai;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.time.Duration;

/** The caller's answer while a provider's circuit breaker refuses calls: a 503 that says why and for how long. */
public class CircuitOpenRefusal {

    private final GatewayError error;

    public CircuitOpenRefusal(String provider, Duration waitInOpen) {
        long seconds = Math.max(1, (waitInOpen.toMillis() + 999) / 1000);
        this.error = GatewayError.of(ErrorKind.UPSTREAM_CIRCUIT_OPEN, "Provider '" + provider + "' is failing; Caravan "
                + "stopped calling it for " + seconds + " s. Try again later.");
    }

    public void refuse() {
        throw error;
    }
}
