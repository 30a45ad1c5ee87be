package dev.caravan.auth;

import io.vertx.ext.web.Router;
import java.util.Set;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caravan's API keys ({@code caravan.auth.keys}) on the OpenAI surface: a handler on the HTTP router itself, ahead of
 * every {@code /openai} route (and of the {@code /openai/v1} reroute), so no route can be reached without a key and
 * no new route can forget to ask for one. {@code /health} and the other surfaces are not under {@code /openai}; the
 * S3 surface checks SigV4 itself, where it can also check the body (S3Requests).
 *
 * <p>The handler goes on when the context has started its services (the HTTP server listens, its router exists) and
 * before any route's consumer starts, so there is no moment in which a route answers without it.
 */
public class AuthConfiguration implements CamelConfiguration {

    public static final String KEYS_PROPERTY = "caravan.auth.keys";
    /** Ahead of OpenAiPathsConfiguration's /openai/v1 reroute (-1,000,000) and of every route. */
    private static final int BEFORE_EVERYTHING = -2_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(AuthConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        ApiKeys keys = ApiKeys.parse(context.getPropertiesComponent().resolveProperty(KEYS_PROPERTY).orElse(""));
        if (!keys.enabled()) {
            LOG.info("Caravan API keys: none configured ({} is empty); the OpenAI and S3 surfaces accept any "
                    + "credentials", KEYS_PROPERTY);
            return;
        }
        // the count only: key ids and secrets stay out of the log
        LOG.info("Caravan API keys: {} configured; the OpenAI surface (/openai) and the S3 files API (/bedrock/files) "
                + "require one of them", keys.size());
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                install(started, keys);
            }
        });
    }

    private static void install(CamelContext context, ApiKeys keys) {
        Set<VertxPlatformHttpRouter> routers = context.getRegistry().findByType(VertxPlatformHttpRouter.class);
        if (routers.isEmpty()) {
            // Fail closed: a Caravan that cannot guard /openai must not start serving it.
            throw new IllegalStateException("caravan.auth.keys is set but the HTTP router was not found; "
                    + "refusing to start the OpenAI surface without its key check");
        }
        BearerKeyHandler handler = new BearerKeyHandler(keys);
        for (Router router : routers) {
            router.routeWithRegex("^/openai(/.*)?$").order(BEFORE_EVERYTHING).handler(handler);
        }
    }
}
