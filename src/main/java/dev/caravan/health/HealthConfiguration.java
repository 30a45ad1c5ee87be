package dev.caravan.health;

import java.time.Duration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Binds one {@link UpstreamHealthCheck} per upstream into the registry, where Camel's health-check registry finds
 * them (camel.health.registry-enabled). The upstream settings are read at the first probe, not here: the sandbox
 * overrides them in its own configuration, which may run after this one.
 */
public class HealthConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Duration timeout = Duration.ofMillis(millis(properties, "caravan.health.timeout", 2000));
        Duration ttl = Duration.ofMillis(millis(properties, "caravan.health.cache-ttl", 10000));
        UpstreamTargets targets = new UpstreamTargets(properties);
        UpstreamReachability reachability = new UpstreamReachability(targets::resolve, timeout, ttl);
        for (String name : UpstreamTargets.NAMES) {
            context.getRegistry().bind("caravan-health-upstream-" + name, new UpstreamHealthCheck(name, reachability));
        }
    }

    private static long millis(PropertiesComponent properties, String name, long fallback) {
        String value = properties.resolveProperty(name).map(String::trim).orElse("");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long millis = Long.parseLong(value);
            if (millis < 0) {
                throw new NumberFormatException();
            }
            return millis;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of milliseconds, got: " + value);
        }
    }
}
