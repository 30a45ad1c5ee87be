package dev.caravan.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The JSON schema of Camel's YAML DSL as the Camel version on the classpath ships it (schema/camelYamlDsl.json in
 * camel-yaml-dsl), which Camel's visual tooling reads routes with. Validates YAML text the way Camel's
 * camel-yaml-dsl-validator does: the YAML read into a JSON tree, checked with networknt's validator against the schema
 * (a draft-04 schema, as its $schema says).
 */
final class CamelYamlSchema {

    private static final String LOCATION = "/schema/camelYamlDsl.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonSchema schema;

    CamelYamlSchema() {
        try (InputStream in = CamelYamlSchema.class.getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is not on the classpath (camel-yaml-dsl)");
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every way the YAML text breaks the schema, each naming where (a JSON path such as $[0].route.from.steps[2]). */
    List<String> violations(String yaml) {
        // snakeyaml-engine, the YAML reader camel-yaml-dsl itself parses routes with
        Object document = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        JsonNode tree = JSON.valueToTree(document);
        return schema.validate(tree).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
