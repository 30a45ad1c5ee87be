package dev.caravan.sandbox.openai;

import dev.caravan.sandbox.PresentedKey;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Bearer-key check in front of every route, with the real API's two 401 answers. */
final class ApiKeyGuard {

    private static final String NO_KEY = "You didn't provide an API key. You need to provide your API key in an "
            + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field "
            + "(with blank username) if you're accessing the API from your browser and are prompted for a username and "
            + "password. You can obtain an API key from https://platform.openai.com/account/api-keys.";

    private final byte[] expected;

    ApiKeyGuard(String apiKey) {
        this.expected = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String presented = PresentedKey.bearer(header);
        if (presented == null || presented.isEmpty()) {
            Replies.error(ctx, 401, OpenAiError.invalidRequest(NO_KEY, null, null));
            return;
        }
        // Constant time, so the emulator cannot be used as a key-guessing oracle by timing.
        if (!MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            Replies.error(ctx, 401, OpenAiError.invalidRequest("Incorrect API key provided: " + PresentedKey.masked(presented)
                    + ". You can find your API key at https://platform.openai.com/account/api-keys.", null,
                    "invalid_api_key"));
            return;
        }
        ctx.next();
    }
}
