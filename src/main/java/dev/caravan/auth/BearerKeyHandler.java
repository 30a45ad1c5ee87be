package dev.caravan.auth;

import dev.caravan.wire.OpenAiJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI surface's key check, on the HTTP router in front of every {@code /openai} route: {@code Authorization:
 * Bearer <secret>} must carry one of Caravan's API keys. Otherwise the answer is OpenAI's own 401 (provider-apis.md
 * §1.4), never echoing what was presented.
 */
final class BearerKeyHandler implements Handler<RoutingContext> {

    static final String NO_KEY = "You didn't provide an API key. You need to provide your Caravan API key in an "
            + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
    static final String WRONG_KEY = "Incorrect API key provided. Use one of the API keys this Caravan was configured "
            + "with (caravan.auth.keys).";

    private static final Logger LOG = LoggerFactory.getLogger(BearerKeyHandler.class);

    private final ApiKeys keys;

    BearerKeyHandler(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String token = bearerToken(ctx.request().getHeader("Authorization"));
        if (token == null) {
            // OpenAI answers a missing key without a code and a wrong one with invalid_api_key.
            reject(ctx, NO_KEY, null, "no API key");
        } else if (!keys.isSecret(token)) {
            reject(ctx, WRONG_KEY, "invalid_api_key", "a wrong API key");
        } else {
            ctx.next();
        }
    }

    /** The token of {@code Bearer <token>} (scheme in any case), or null when there is none. */
    static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        if (trimmed.length() <= 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = trimmed.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static void reject(RoutingContext ctx, String message, String code, String why) {
        // the path only: a query string is the caller's and could hold anything
        LOG.debug("401 for {} {}: {}", ctx.request().method(), ctx.request().path(), why);
        // The request body (an upload, perhaps) is not wanted. Resumed with no handler, Vert.x reads and drops what
        // the client still sends, so the client gets to read this answer and the connection stays usable.
        ctx.request().resume();
        ctx.response()
                .setStatusCode(401)
                .putHeader("Content-Type", "application/json")
                .end(OpenAiJson.error(message, "invalid_request_error", null, code).toString());
    }
}
