package dev.caravan.sandbox.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The API key check (provider-apis.md §0, §4.5): the key comes in {@code x-goog-api-key} or the {@code key} query
 * parameter.
 *
 * <p>The answers are the real API's as third-party captures show them (several client issue threads quote the same
 * body; the reference has only the envelope): a key that is sent but wrong is <b>400 INVALID_ARGUMENT</b> "API key
 * not valid. Please pass a valid API key." with an ErrorInfo detail of reason {@code API_KEY_INVALID}; no key at all
 * is <b>403 PERMISSION_DENIED</b> ("unregistered callers"). UNCONFIRMED: the brief guessed 401/403; Google does not
 * use 401 for API keys (401 UNAUTHENTICATED is for OAuth tokens).
 */
final class KeyGuard {

    private final byte[] key;

    KeyGuard(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    void check(HttpServerRequest request) {
        String sent = request.getHeader("x-goog-api-key");
        if (sent == null) {
            sent = request.getParam("key");
        }
        if (sent == null || sent.isEmpty()) {
            throw new ApiError(RpcCode.PERMISSION_DENIED, "Method doesn't allow unregistered callers (callers "
                    + "without established identity). Please use API Key or other form of API consumer identity to "
                    + "call this API.");
        }
        if (!MessageDigest.isEqual(key, sent.getBytes(StandardCharsets.UTF_8))) {
            ArrayNode details = Json.MAPPER.createArrayNode();
            ObjectNode info = details.addObject();
            info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
            info.put("reason", "API_KEY_INVALID");
            info.put("domain", "googleapis.com");
            info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
            throw new ApiError(400, RpcCode.INVALID_ARGUMENT, "API key not valid. Please pass a valid API key.",
                    details);
        }
    }

    /** A key as logs may show it: its first four characters. */
    static String mask(String key) {
        return key.length() <= 4 ? "****" : key.substring(0, 4) + "****";
    }
}
