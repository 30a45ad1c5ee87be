package dev.caravan.observe;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Puts the request observer first on the HTTP router (ahead of the API-key check, so refused requests are seen too)
 * and the exchange facts on every route. The metrics go to the registry camel-micrometer-prometheus binds when
 * {@code camel.metrics.enabled} is on; without one only the log line is written.
 */
public class ObserveConfiguration implements CamelConfiguration {

    /** Ahead of AuthConfiguration's key check (-2,000,000) and of the /openai/v1 reroute. */
    private static final int FIRST = -3_000_000;

    @Override
    public void configure(CamelContext context) throws Exception {
        RequestRecords records = new RequestRecords();
        context.addRoutePolicyFactory(new ExchangeFacts(records));
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                RequestObserver observer = new RequestObserver(records, sink(started));
                started.getRegistry().findByType(VertxPlatformHttpRouter.class)
                        .forEach(router -> router.route().order(FIRST).handler(observer));
            }
        });
    }

    private static Consumer<RequestOutcome> sink(CamelContext context) {
        RequestLog log = new RequestLog();
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            return log::write;
        }
        RequestMetrics metrics = new RequestMetrics(registry);
        return outcome -> {
            metrics.record(outcome);
            log.write(outcome);
        };
    }
}
