package dev.caravan.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Routes stay editable in Camel's visual tooling: every routes/*.camel.yaml (the files camel.main.routes-include-pattern
 * loads) must be valid against Camel's YAML DSL schema. This is the build's route validation (see the pom for why it
 * is a test rather than camel-yaml-dsl-validator-maven-plugin); it runs in mvn verify and names file and violation.
 */
class RoutesSchemaTest {

    private static final Path ROUTES = Path.of("routes");
    private final CamelYamlSchema schema = new CamelYamlSchema();

    @Test
    void everyRouteFileIsValidAgainstCamelsYamlDslSchema() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(ROUTES)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        // the routes Caravan serves are many; an empty listing means the test looked in the wrong place
        assertTrue(files.size() >= 10, "expected Caravan's route files under " + ROUTES.toAbsolutePath() + ": " + files);

        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            for (String violation : schema.violations(Files.readString(file))) {
                failures.add(file + ": " + violation);
            }
        }
        if (!failures.isEmpty()) {
            fail("Routes that Camel's YAML DSL schema (and so its visual tooling) rejects:\n" + String.join("\n", failures));
        }
    }

    @Test
    void aRouteInCaravansStyleIsValid() {
        String route = """
                - route:
                    id: ping
                    from:
                      uri: platform-http:/ping
                      parameters:
                        httpMethodRestrict: GET
                      steps:
                        - setHeader:
                            name: Content-Type
                            constant: application/json
                        - setBody:
                            constant: '{"status":"UP"}'
                """;
        assertEquals(List.of(), schema.violations(route));
    }

    @Test
    void anUnknownEipIsReportedWithItsPlace() {
        String route = """
                - route:
                    id: ping
                    from:
                      uri: platform-http:/ping
                      steps:
                        - setBody:
                            constant: pong
                        - sendToo:
                            uri: direct:nowhere
                """;
        List<String> violations = schema.violations(route);
        assertFalse(violations.isEmpty(), "an unknown EIP (sendToo) must be reported");
        assertTrue(violations.stream().anyMatch(v -> v.contains("steps[1]") && v.contains("sendToo")),
                "the report names the step and the unknown key: " + violations);
    }

    @Test
    void anUnknownOptionOfAKnownEipIsReported() {
        String route = """
                - route:
                    from:
                      uri: direct:a
                      steps:
                        - setHeader:
                            nme: Content-Type
                            constant: application/json
                """;
        List<String> violations = schema.violations(route);
        assertTrue(violations.stream().anyMatch(v -> v.contains("nme")), "the misspelt option is named: " + violations);
    }
}
