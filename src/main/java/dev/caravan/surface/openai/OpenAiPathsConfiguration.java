package dev.caravan.surface.openai;

import dev.caravan.surface.RequestGuards;
import dev.caravan.surface.RouterInstaller;
import dev.caravan.wire.OpenAiJson;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import java.util.List;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * Two pieces of the OpenAI surface that live on the HTTP router itself rather than in a route:
 * {@code /openai/v1/...} is served by the same routes as {@code /openai/...} (the SDKs' base URL may or may not
 * end in /v1), an unknown {@code /openai} path or method gets OpenAI's 404 envelope instead of a bare page, and the
 * request guards (JSON body size, unterminated multipart) run before any body is read.
 */
public class OpenAiPathsConfiguration implements CamelConfiguration {

    private static final int BEFORE_EVERY_ROUTE = -1_000_000;
    private static final int AFTER_EVERY_ROUTE = 1_000_000;

    @Override
    public void configure(CamelContext context) throws Exception {
        // platform-http's engine runs its handlers after the body handler on every route: the multipart guard needs
        // to know when a body has arrived whole. Bound before any route starts, so the component picks this engine.
        VertxPlatformHttpEngine engine = new VertxPlatformHttpEngine();
        engine.setHandlers(List.of(RequestGuards::markBodyRead));
        context.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, PlatformHttpEngine.class, engine);
        PropertiesComponent properties = context.getPropertiesComponent();
        RequestGuards guards = new RequestGuards(
                Long.parseLong(properties.resolveProperty("caravan.openai.max-json-bytes").orElse("33554432").trim()),
                Long.parseLong(properties.resolveProperty("caravan.openai.body-idle-timeout").orElse("60000").trim()),
                (response, status, message) -> response.putHeader("Content-Type", "application/json")
                        .end(OpenAiJson.error(message, "invalid_request_error", null, null).toString()));
        RouterInstaller.onceStarted(context, router -> install(router, guards));
    }

    private static void install(Router router, RequestGuards guards) {
        router.routeWithRegex("^/openai/v1(/.*)?$").order(BEFORE_EVERY_ROUTE).handler(ctx -> {
            String uri = ctx.request().uri();
            ctx.reroute(ctx.request().method(), "/openai" + uri.substring("/openai/v1".length()));
        });
        // after the /v1 reroute (which starts routing over), before any body is read
        router.route("/openai/*").order(BEFORE_EVERY_ROUTE + 1).handler(guards::checkRequest);
        router.route("/openai/*").order(BEFORE_EVERY_ROUTE + 2).handler(guards::watchBody);
        router.route("/health").order(BEFORE_EVERY_ROUTE + 1).handler(guards::checkRequest);
        router.route("/openai/*").order(BEFORE_EVERY_ROUTE + 3).failureHandler(guards::answerUnreadableRequest);
        router.route("/openai/*").order(AFTER_EVERY_ROUTE).handler(ctx -> ctx.response()
                .setStatusCode(404)
                .putHeader("Content-Type", "application/json")
                .end(OpenAiJson.error("Invalid URL (" + ctx.request().method() + " " + ctx.request().path() + ")",
                        "invalid_request_error", null, "unknown_url").toString()));
    }
}
