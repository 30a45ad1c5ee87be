package dev.caravan.health;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one upstream (group {@code caravan}, id {@code upstream-<name>}): DOWN while it cannot be reached, so
 * Kubernetes stops sending traffic to an instance whose upstream path is broken. Never a liveness check: restarting
 * Caravan does not bring an upstream back.
 */
public final class UpstreamHealthCheck extends AbstractHealthCheck {

    private final String upstream;
    private final UpstreamReachability reachability;

    public UpstreamHealthCheck(String upstream, UpstreamReachability reachability) {
        super("caravan", "upstream-" + upstream);
        this.upstream = upstream;
        this.reachability = reachability;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Reachability result = reachability.of(upstream);
        builder.detail("upstream", upstream).message(result.detail());
        if (result.up()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
