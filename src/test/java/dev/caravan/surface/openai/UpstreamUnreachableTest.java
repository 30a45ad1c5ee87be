package dev.caravan.surface.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.openai.errors.InternalServerException;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/** Caravan configured for a real OpenAI whose address answers nothing: a 502 in OpenAI's envelope. */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                // port 9 (discard) is closed on loopback: the connection is refused at once
                "caravan.openai.base-url=http://127.0.0.1:9/v1", "caravan.openai.api-key=sk-test-unreachable"})
class UpstreamUnreachableTest {

    @BeanInject
    CamelContext context;

    @Test
    void unreachable_upstream_is_502_naming_the_provider() {
        InternalServerException error = assertThrows(InternalServerException.class,
                () -> CaravanClients.openAi(context, "/openai").files().list());
        assertEquals(502, error.statusCode());
        assertEquals("upstream_unavailable", error.code().orElseThrow());
        assertTrue(error.getMessage().contains("Provider 'openai' could not be reached"), error.getMessage());
    }
}
