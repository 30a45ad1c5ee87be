package dev.caravan.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.surface.ErrorClassifier;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.apache.camel.RuntimeCamelException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

/** What a caller is told for each way an upstream call can fail (DESIGN §6: unreachable 502, timeout 504). */
class TransportFailureClassificationTest {

    private static GatewayError classify(Throwable failure) {
        return ErrorClassifier.classify(new RuntimeCamelException(failure), "openai");
    }

    @Test
    void read_timeout_is_504() {
        GatewayError error = classify(new SocketTimeoutException("Read timed out"));
        assertEquals(ErrorKind.UPSTREAM_TIMEOUT, error.kind());
        assertEquals(504, error.status());
    }

    @Test
    void connect_failures_are_502_unreachable() {
        for (Throwable failure : new Throwable[] {new ConnectException("refused"),
                new ConnectTimeoutException("Connect timed out")}) {
            GatewayError error = classify(failure);
            assertEquals(502, error.status(), failure.toString());
            assertEquals("Provider 'openai' could not be reached.", error.getMessage());
        }
    }

    @Test
    void a_connection_broken_mid_call_is_502() {
        for (Throwable failure : new Throwable[] {new SocketException("Connection reset"),
                new SocketException("Broken pipe"), new NoHttpResponseException("failed to respond")}) {
            GatewayError error = classify(failure);
            assertEquals(ErrorKind.UPSTREAM_UNAVAILABLE, error.kind(), failure.toString());
            assertTrue(error.getMessage().contains("the connection closed before it answered"), error.getMessage());
        }
    }

    @Test
    void an_upstream_answer_keeps_its_status_and_words() {
        GatewayError error = classify(new UpstreamFailure(
                GatewayError.upstream(503, "The engine is currently overloaded", null, null, "server_error"), null));
        assertEquals(503, error.status());
        assertEquals("The engine is currently overloaded", error.getMessage());
    }
}
