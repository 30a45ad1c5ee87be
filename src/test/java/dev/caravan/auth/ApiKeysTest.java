package dev.caravan.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void emptyMeansAuthenticationOff() {
        assertFalse(ApiKeys.parse("").enabled());
        assertFalse(ApiKeys.parse("  ").enabled());
        assertFalse(ApiKeys.parse(null).enabled());
        assertFalse(ApiKeys.none().isSecret("anything"));
    }

    @Test
    void pairsOfKeyIdAndSecret() {
        ApiKeys keys = ApiKeys.parse(" team-a:sk-alpha/+= , team-b:s3cr:et ,");
        assertTrue(keys.enabled());
        assertEquals(2, keys.size());
        assertEquals(Optional.of("sk-alpha/+="), keys.secretOf("team-a"));
        // a secret may hold a colon: only the first one separates
        assertEquals(Optional.of("s3cr:et"), keys.secretOf("team-b"));
        assertEquals(Optional.empty(), keys.secretOf("team-c"));
        assertTrue(keys.isSecret("sk-alpha/+="));
        assertTrue(keys.isSecret("s3cr:et"));
        assertFalse(keys.isSecret("sk-alpha/+"));
        assertFalse(keys.isSecret("sk-alpha/+==="));
        assertFalse(keys.isSecret("team-a"));
        assertFalse(keys.isSecret(""));
    }

    @Test
    void aMalformedListIsRefusedWithoutShowingItsContent() {
        String[][] cases = {{"Zq9xVv", "Zq9xVv"}, {":Zq9xVv", "Zq9xVv"}, {"Zq9xVv:", "Zq9xVv"},
            {"k1:Zq9xVv,k1:Wp4tTt", "Wp4tTt"}, {"k1:Zq9x Vv", "Zq9x"}};
        for (String[] bad : cases) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(bad[0]));
            assertTrue(error.getMessage().startsWith("caravan.auth.keys: entry "), error.getMessage());
            assertFalse(error.getMessage().contains(bad[1]), error.getMessage());
        }
        assertFalse(ApiKeys.parse("id:s3cr3t-value").toString().contains("s3cr3t"));
    }
}
