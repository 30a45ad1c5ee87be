package dev.caravan.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import org.junit.jupiter.api.Test;

class ModelInvocationTypeTest {

    @Test
    void wire_names_round_trip() {
        assertEquals("InvokeModel", ModelInvocationType.INVOKE_MODEL.wireName());
        assertEquals("Converse", ModelInvocationType.CONVERSE.wireName());
        assertEquals(ModelInvocationType.INVOKE_MODEL, ModelInvocationType.parse("InvokeModel"));
        assertEquals(ModelInvocationType.CONVERSE, ModelInvocationType.parse("Converse"));
    }

    @Test
    void absent_means_not_set() {
        assertNull(ModelInvocationType.parse(null));
    }

    @Test
    void other_values_are_a_validation_error() {
        for (String value : new String[] {"converse", "INVOKE_MODEL", "Invoke", "", " Converse"}) {
            GatewayError error = assertThrows(GatewayError.class, () -> ModelInvocationType.parse(value));
            assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
            assertEquals(400, error.status());
            assertEquals("modelInvocationType", error.param());
            assertNull(error.code());
            assertEquals("1 validation error detected: Value '" + value + "' at 'modelInvocationType' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: [InvokeModel, Converse]",
                    error.getMessage());
        }
    }

    @Test
    void a_huge_value_is_not_echoed_whole() {
        String huge = "x".repeat(10_000);
        GatewayError error = assertThrows(GatewayError.class, () -> ModelInvocationType.parse(huge));
        assertTrue(error.getMessage().length() < 300, error.getMessage());
        assertTrue(error.getMessage().contains("Value '" + "x".repeat(100) + "…'"), error.getMessage());
    }
}
