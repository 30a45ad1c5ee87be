package dev.caravan.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import org.junit.jupiter.api.Test;

class GeminiUpstreamErrorsTest {

    @Test
    void googles_envelope_keeps_status_message_and_status_name() {
        GatewayError error = GeminiUpstreamErrors.fromBody("{\"error\":{\"code\":404,\"message\":\"File abc was not "
                + "found.\",\"status\":\"NOT_FOUND\",\"details\":[]}}", 404);

        assertEquals(404, error.status());
        assertEquals(ErrorKind.NOT_FOUND, error.kind());
        assertEquals("File abc was not found.", error.getMessage());
        assertEquals("NOT_FOUND", error.code());
        assertNull(error.type(), "the surface's own type (invalid_request_error / server_error) is used");
    }

    @Test
    void a_rate_limit_and_an_outage_keep_their_status() {
        assertEquals(429, GeminiUpstreamErrors.fromBody("{\"error\":{\"code\":429,\"message\":\"Resource has been "
                + "exhausted\",\"status\":\"RESOURCE_EXHAUSTED\"}}", 429).status());
        GatewayError unavailable = GeminiUpstreamErrors.fromBody("{\"error\":{\"code\":503,\"message\":\"The model "
                + "is overloaded.\",\"status\":\"UNAVAILABLE\"}}", 503);
        assertEquals(503, unavailable.status());
        assertEquals("UNAVAILABLE", unavailable.code());
    }

    @Test
    void a_body_that_is_no_envelope_still_says_what_happened() {
        GatewayError error = GeminiUpstreamErrors.fromBody("<html>Bad Gateway</html>", 502);

        assertEquals(502, error.status());
        assertEquals("Gemini answered HTTP 502 without an error message.", error.getMessage());
    }
}
