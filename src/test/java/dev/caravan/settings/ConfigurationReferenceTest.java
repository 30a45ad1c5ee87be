package dev.caravan.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists every setting of application.properties with the file's environment variable and
 * default, and nothing the file no longer has: the reference is written by hand, this keeps it true.
 */
class ConfigurationReferenceTest {

    private static final String PROPERTIES = """
            ## ---- HTTP server ----
            camel.server.enabled = true
            # The port.
            camel.server.port = {{env:CARAVAN_PORT:8080}}

            ## ---- Provider: Anthropic ----
            caravan.anthropic.s3-files = {{env:ANTHROPIC_S3_FILES:{{caravan.sandbox.enabled}}}}
            caravan.anthropic.api-key = {{env:ANTHROPIC_API_KEY:}}
            """;

    private static final String DOC = """
            # Configuration reference

            ## HTTP server

            | setting | environment variable | default | what it does | example |
            |---|---|---|---|---|
            | `camel.server.enabled` | — | `true` | The server. | `true` |
            | `camel.server.port` | `CARAVAN_PORT` | `8080` | The port. | `9090` |

            ## Provider: Anthropic

            | setting | environment variable | default | what it does | example |
            |---|---|---|---|---|
            | `caravan.anthropic.s3-files` | `ANTHROPIC_S3_FILES` | `{{caravan.sandbox.enabled}}` | Files \\| store. | `true` |
            | `caravan.anthropic.api-key` | `ANTHROPIC_API_KEY` | *empty* | The key. | `sk-ant-...` |
            """;

    @Test
    void theReferenceListsEverySettingOfApplicationPropertiesAsTheFileHasIt() throws IOException {
        String properties = Files.readString(Path.of("application.properties"));
        String doc = Files.readString(Path.of("docs/configuration.md"));
        // the file has well over a hundred settings: a parser that found few would make this test pass on nothing
        assertTrue(ConfigurationReference.ofProperties(properties).size() > 100,
                "settings found in application.properties: " + ConfigurationReference.ofProperties(properties).size());
        assertEquals(List.of(), ConfigurationReference.problems(properties, doc),
                "docs/configuration.md disagrees with application.properties");
    }

    @Test
    void theReadmePointsToTheReference() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("(docs/configuration.md)"), "README links docs/configuration.md");
        // the README's short table of the most used settings names the file's environment variables too
        Map<String, ConfigurationReference.Setting> file =
                ConfigurationReference.ofProperties(Files.readString(Path.of("application.properties")));
        Matcher row = Pattern.compile("(?m)^\\| `([a-z][A-Za-z0-9._-]*)` \\| `([A-Z0-9_]+)` \\|").matcher(readme);
        int rows = 0;
        while (row.find()) {
            rows++;
            ConfigurationReference.Setting setting = file.get(row.group(1));
            assertTrue(setting != null, "README lists " + row.group(1) + ", which application.properties does not have");
            assertEquals(setting.env(), row.group(2), "README's environment variable of " + row.group(1));
        }
        assertTrue(rows > 0, "README's settings table");
    }

    @Test
    void aMatchingReferenceHasNoProblem() {
        assertEquals(List.of(), ConfigurationReference.problems(PROPERTIES, DOC));
    }

    @Test
    void aSettingMissingFromTheReferenceIsNamed() {
        String properties = PROPERTIES + "caravan.anthropic.version = {{env:ANTHROPIC_VERSION:2023-06-01}}\n";
        assertEquals(List.of("caravan.anthropic.version is in application.properties but not in the reference"),
                ConfigurationReference.problems(properties, DOC));
    }

    @Test
    void aDifferentEnvironmentVariableOrDefaultIsNamed() {
        String properties = PROPERTIES.replace("CARAVAN_PORT:8080", "CARAVAN_HTTP_PORT:8081");
        assertEquals(List.of("camel.server.port: the reference says environment variable CARAVAN_PORT, the file CARAVAN_HTTP_PORT",
                "camel.server.port: the reference says default '8080', the file '8081'"),
                ConfigurationReference.problems(properties, DOC));
    }

    @Test
    void anEnvironmentVariableTheFileDoesNotHaveIsNamed() {
        String doc = DOC.replace("| `camel.server.enabled` | — |", "| `camel.server.enabled` | `CARAVAN_SERVER` |");
        assertEquals(List.of("camel.server.enabled: the reference says environment variable CARAVAN_SERVER, the file none"),
                ConfigurationReference.problems(PROPERTIES, doc));
    }

    @Test
    void aSettingTheFileNoLongerHasIsNamed() {
        String properties = PROPERTIES.replace("caravan.anthropic.api-key = {{env:ANTHROPIC_API_KEY:}}\n", "");
        assertEquals(List.of("caravan.anthropic.api-key is in the reference but no longer in application.properties"),
                ConfigurationReference.problems(properties, DOC));
    }

    @Test
    void aSettingUnderAnotherSectionOrListedTwiceIsNamed() {
        String moved = DOC.replace("| `camel.server.port` | `CARAVAN_PORT` | `8080` | The port. | `9090` |\n", "")
                + "| `camel.server.port` | `CARAVAN_PORT` | `8080` | The port. | `9090` |\n";
        assertEquals(List.of("camel.server.port is listed under 'Provider: Anthropic', the file has it under 'HTTP server'"),
                ConfigurationReference.problems(PROPERTIES, moved));
        String twice = DOC + "| `camel.server.port` | `CARAVAN_PORT` | `8080` | The port. | `9090` |\n";
        assertTrue(ConfigurationReference.problems(PROPERTIES, twice).contains("camel.server.port is listed more than once"));
    }

    @Test
    void anExampleCaravanWouldRefuseIsNamed() {
        String doc = DOC.replace("| The port. | `9090` |", "| The port. | `http` |");
        assertEquals(List.of("camel.server.port: example 'http' is not a whole number (0 or more)"),
                ConfigurationReference.problems(PROPERTIES, doc));
    }
}
