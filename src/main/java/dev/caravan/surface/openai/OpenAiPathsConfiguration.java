package dev.caravan.surface.openai;

import dev.caravan.wire.OpenAiJson;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Two pieces of the OpenAI surface that live on the HTTP router itself rather than in a route:
 * {@code /openai/v1/...} is served by the same routes as {@code /openai/...} (the SDKs' base URL may or may not
 * end in /v1), and an unknown {@code /openai} path or method gets OpenAI's 404 envelope instead of a bare page.
 */
public class OpenAiPathsConfiguration implements CamelConfiguration {

    private static final int BEFORE_EVERY_ROUTE = -1_000_000;
    private static final int AFTER_EVERY_ROUTE = 1_000_000;

    @Override
    public void configure(CamelContext context) throws Exception {
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the router exists once the HTTP server has started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                started.getRegistry().findByType(VertxPlatformHttpRouter.class).forEach(
                        OpenAiPathsConfiguration::install);
            }
        });
    }

    private static void install(Router router) {
        router.routeWithRegex("^/openai/v1(/.*)?$").order(BEFORE_EVERY_ROUTE).handler(ctx -> {
            String uri = ctx.request().uri();
            ctx.reroute(ctx.request().method(), "/openai" + uri.substring("/openai/v1".length()));
        });
        router.route("/openai/*").order(AFTER_EVERY_ROUTE).handler(ctx -> ctx.response()
                .setStatusCode(404)
                .putHeader("Content-Type", "application/json")
                .end(OpenAiJson.error("Invalid URL (" + ctx.request().method() + " " + ctx.request().path() + ")",
                        "invalid_request_error", null, "unknown_url").toString()));
    }
}
