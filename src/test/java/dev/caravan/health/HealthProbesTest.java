package dev.caravan.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.sandbox.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The probes Kubernetes calls, on Caravan's own port, against the sandbox: ready while every upstream answers, not
 * ready once one of them stops, alive throughout. The cache is off so each probe looks again.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.health.cache-ttl=0", "caravan.health.timeout=1000"})
class HealthProbesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeanInject
    CamelContext context;

    @Test
    void ready_and_alive_while_every_upstream_answers() throws Exception {
        HttpResponse<String> ready = get("/observe/health/ready?exposureLevel=full");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode checks = JSON.readTree(ready.body()).path("checks");
        for (String upstream : UpstreamTargets.NAMES) {
            JsonNode check = find(checks, "upstream-" + upstream);
            assertEquals("UP", check.path("status").asText(), check.toString());
        }
        assertEquals(200, get("/observe/health/live").statusCode());
        // the README's /health still answers
        assertEquals(200, get("/health").statusCode());
    }

    @Test
    void readiness_goes_down_when_the_gemini_emulator_stops_and_liveness_stays_up() throws Exception {
        sandbox().gemini().close();

        HttpResponse<String> ready = get("/observe/health/ready");
        assertEquals(503, ready.statusCode(), ready.body());
        JsonNode body = JSON.readTree(ready.body());
        assertEquals("DOWN", body.path("status").asText());
        JsonNode gemini = find(body.path("checks"), "upstream-gemini");
        assertEquals("DOWN", gemini.path("status").asText());
        assertTrue(gemini.toString().contains("unreachable"), gemini.toString());
        // only the stopped upstream is reported down
        assertEquals(1, body.path("checks").size(), body.toString());

        assertEquals(200, get("/observe/health/live").statusCode());
    }

    @Test
    void readiness_goes_down_when_the_openai_emulator_stops() throws Exception {
        sandbox().openAi().close();

        HttpResponse<String> ready = get("/observe/health/ready");
        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals("DOWN", find(JSON.readTree(ready.body()).path("checks"), "upstream-openai").path("status")
                .asText());
    }

    private Sandbox sandbox() {
        return context.getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(CaravanClients.baseUrl(context) + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode find(JsonNode checks, String name) {
        for (JsonNode check : checks) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + checks);
    }
}
