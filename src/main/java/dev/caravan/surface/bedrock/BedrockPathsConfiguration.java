package dev.caravan.surface.bedrock;

import dev.caravan.surface.RequestGuards;
import dev.caravan.surface.RouterInstaller;
import dev.caravan.wire.BedrockJson;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The Bedrock batch API's pieces on the HTTP router itself: the request guards (JSON body size, stalled bodies,
 * undecodable queries) run before any body is read, and a path or method the API does not have gets a rest-json
 * {@code UnknownOperationException} instead of a bare page. {@code /bedrock/files} is the S3 surface's own.
 */
public class BedrockPathsConfiguration implements CamelConfiguration {

    private static final int BEFORE_EVERY_ROUTE = -1_000_000;
    private static final int AFTER_EVERY_ROUTE = 1_000_000;
    private static final String JOB_PATHS = "^/bedrock/model-invocation-jobs?(/.*)?$";
    private static final String NOT_FILES = "^/bedrock(?!/files(/|$))(/.*)?$";

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        RequestGuards guards = new RequestGuards(
                Long.parseLong(properties.resolveProperty("caravan.bedrock.max-json-bytes").orElse("1048576").trim()),
                Long.parseLong(properties.resolveProperty("caravan.bedrock.body-idle-timeout").orElse("60000").trim()),
                (response, status, message) -> error(response, status < 500 ? "ValidationException"
                        : "InternalServerException", message));
        RouterInstaller.onceStarted(context, router -> install(router, guards));
    }

    private static void install(Router router, RequestGuards guards) {
        router.routeWithRegex(JOB_PATHS).order(BEFORE_EVERY_ROUTE + 1).handler(guards::checkRequest);
        router.routeWithRegex(JOB_PATHS).order(BEFORE_EVERY_ROUTE + 2).handler(guards::watchBody);
        router.routeWithRegex(JOB_PATHS).order(BEFORE_EVERY_ROUTE + 3).failureHandler(guards::answerUnreadableRequest);
        router.routeWithRegex(NOT_FILES).order(AFTER_EVERY_ROUTE).handler(ctx -> error(ctx.response().setStatusCode(404),
                "UnknownOperationException", "No operation matches " + ctx.request().method() + " "
                        + ctx.request().path() + "."));
    }

    private static Future<Void> error(HttpServerResponse response, String type, String message) {
        return response.putHeader("Content-Type", "application/json")
                .putHeader("x-amzn-ErrorType", type)
                .putHeader(BedrockJobResponses.REQUEST_ID, UUID.randomUUID().toString())
                .end(BedrockJson.error(message).toString());
    }
}
