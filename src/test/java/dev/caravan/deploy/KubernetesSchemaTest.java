package dev.caravan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Kubernetes manifests (deploy/kubernetes) validated against Kubernetes' OpenAPI schema, through the official
 * Kubernetes Java client's generated models ({@link KubernetesSchema}): strict on fields the schema does not define
 * and on missing required ones, at every depth, with values bound to their types (quantities, ports). Every file the
 * kustomization applies is checked, and the kustomization applies every manifest in the directory. What a schema
 * cannot see (selectors, probes against a running Caravan, settings, secrets) is KubernetesManifestsTest's.
 */
class KubernetesSchemaTest {

    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final String KUSTOMIZATION = "kustomization.yaml";

    /** A minimal valid Deployment; the tests below break it one way each. */
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      ports: [{name: http, containerPort: 8080}]
                      readinessProbe:
                        httpGet: {path: /ready, port: http}
                      resources:
                        limits: {cpu: 500m, memory: 1Gi}
            """;

    @Test
    void every_manifest_document_matches_the_kubernetes_openapi_schema() throws IOException {
        List<String> violations = new ArrayList<>();
        int documents = 0;
        for (String file : kustomizationResources()) {
            int index = 0;
            for (Object document : load().loadAllFromString(Files.readString(DIR.resolve(file)))) {
                index++;
                documents++;
                int number = index;
                KubernetesSchema.violation(document)
                        .ifPresent(v -> violations.add(file + " document " + number + ": " + v));
            }
        }
        assertEquals(List.of(), violations);
        assertEquals(5, documents, "ConfigMap, Secret, Deployment, Service, HorizontalPodAutoscaler");
    }

    @Test
    void the_kustomization_applies_every_manifest_in_the_directory_and_nothing_missing() throws IOException {
        Map<?, ?> kustomization = (Map<?, ?>) load().loadFromString(Files.readString(DIR.resolve(KUSTOMIZATION)));
        assertEquals("kustomize.config.k8s.io/v1beta1", kustomization.get("apiVersion"));
        assertEquals("Kustomization", kustomization.get("kind"));
        List<String> resources = kustomizationResources();
        assertEquals(resources.size(), Set.copyOf(resources).size(), "a resource listed twice: " + resources);
        Set<String> manifests;
        try (Stream<Path> files = Files.list(DIR)) {
            manifests = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .filter(name -> !name.equals(KUSTOMIZATION))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(manifests, new TreeSet<>(resources), "kustomization.yaml resources vs the files in " + DIR);
    }

    @Test
    void the_valid_example_passes() {
        assertEquals(Optional.empty(), violationOf(DEPLOYMENT));
    }

    @Test
    void a_misspelt_field_is_rejected_naming_it() {
        String message = violationOf(DEPLOYMENT.replace("readinessProbe:", "readynessProbe:")).orElseThrow();
        assertTrue(message.contains("`readynessProbe`") && message.contains("V1Container"), message);
    }

    @Test
    void a_misspelt_field_deep_inside_is_rejected_naming_it() {
        String message = violationOf(DEPLOYMENT.replace("{path: /ready", "{pth: /ready")).orElseThrow();
        assertTrue(message.contains("`pth`") && message.contains("V1HTTPGetAction"), message);
    }

    @Test
    void a_container_without_its_required_name_is_rejected_naming_it() {
        String message = violationOf(DEPLOYMENT.replace("- name: demo", "- image: demo:0")
                .replace("  image: demo:1", "")).orElseThrow();
        assertTrue(message.contains("required field `name`"), message);
    }

    @Test
    void a_value_of_the_wrong_type_and_a_quantity_kubernetes_cannot_read_are_rejected() {
        String port = violationOf(DEPLOYMENT.replace("containerPort: 8080", "containerPort: eighty")).orElseThrow();
        assertTrue(port.contains("eighty"), port);
        String quantity = violationOf(DEPLOYMENT.replace("cpu: 500m", "cpu: lots")).orElseThrow();
        assertTrue(quantity.contains("quantity: lots"), quantity);
    }

    @Test
    void an_api_version_the_schema_does_not_cover_is_rejected() {
        String message = violationOf(DEPLOYMENT.replace("apps/v1", "apps/v1beta1")).orElseThrow();
        assertTrue(message.contains("apps/v1beta1 Deployment"), message);
    }

    private static Optional<String> violationOf(String yaml) {
        return KubernetesSchema.violation(load().loadFromString(yaml));
    }

    private static List<String> kustomizationResources() throws IOException {
        Map<?, ?> kustomization = (Map<?, ?>) load().loadFromString(Files.readString(DIR.resolve(KUSTOMIZATION)));
        return ((List<?>) kustomization.get("resources")).stream().map(String.class::cast).toList();
    }

    private static Load load() {
        // snakeyaml-engine, as KubernetesManifestsTest and Camel's YAML DSL read YAML
        return new Load(LoadSettings.builder().build());
    }
}
