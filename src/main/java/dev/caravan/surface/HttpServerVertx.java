package dev.caravan.surface;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The Vert.x instance platform-http serves Caravan with (it takes the one in the registry). platform-http runs each
 * route on a Vert.x worker thread, and Caravan's routes block that thread for the whole upstream call; Vert.x's default
 * pool of 20 would cap a Caravan at 20 calls in flight, however many callers wait (with OpenAI answering in 100 ms,
 * 200 requests a second). So the pool is sized by {@code caravan.server.worker-threads}. A long upload or download
 * legitimately holds its worker for minutes, so Vert.x's blocked-thread warning is moved past the transfer timeouts.
 */
public class HttpServerVertx implements CamelConfiguration {

    static final String WORKER_THREADS = "caravan.server.worker-threads";

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        if (!properties.resolveProperty("camel.server.enabled").map(Boolean::parseBoolean).orElse(false)
                || context.getRegistry().findSingleByType(Vertx.class) != null) {
            return;
        }
        int workers = properties.resolveProperty(WORKER_THREADS).map(String::trim).map(Integer::parseInt)
                .orElse(VertxOptions.DEFAULT_WORKER_POOL_SIZE);
        if (workers < 1) {
            throw new IllegalArgumentException(WORKER_THREADS + " must be 1 or more, not " + workers);
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(workers)
                .setMaxWorkerExecuteTime(1).setMaxWorkerExecuteTimeUnit(TimeUnit.HOURS));
        context.getRegistry().bind("caravanVertx", Vertx.class, vertx);
        // platform-http closes only a Vert.x it made itself
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
        }, true, true);
    }
}
