package dev.caravan.surface.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.errors.UnauthorizedException;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/** Without --sandbox and without OPENAI_API_KEY, Caravan starts and answers a clear 401 instead of crashing. */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=false",
                "caravan.openai.api-key="})
class MissingApiKeyTest {

    @BeanInject
    CamelContext context;

    @Test
    void missing_key_is_401_saying_which_setting_to_set() {
        UnauthorizedException error = assertThrows(UnauthorizedException.class,
                () -> CaravanClients.openAi(context, "/openai/v1").batches().list());
        assertEquals(401, error.statusCode());
        assertTrue(error.getMessage().contains("OPENAI_API_KEY"), error.getMessage());
    }
}
