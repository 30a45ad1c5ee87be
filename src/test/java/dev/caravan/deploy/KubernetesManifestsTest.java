package dev.caravan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Kubernetes manifests (deploy/kubernetes) checked for what a schema validator does not see, and against Caravan
 * itself; KubernetesSchemaTest validates them against Kubernetes' OpenAPI schema (the official Java client's models,
 * strict on unknown fields). Here: every kind is there, selectors match the pod labels, the probes' paths answer on a
 * running Caravan at the port the manifests name, limits are set, the ConfigMap holds every setting
 * application.properties has, every secret the pods read exists, and every environment variable they set is one
 * application.properties reads.
 */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.openai.api-key=",
                "caravan.anthropic.api-key=", "caravan.gemini.api-key=", "caravan.bedrock.access-key=",
                "caravan.bedrock.s3.access-key=", "caravan.bedrock.endpoint=", "caravan.bedrock.s3.endpoint=",
                "caravan.bedrock.role-arn=", "caravan.store.endpoint="})
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("deploy/kubernetes");
    /** Read by the JVM and the C library, not by a setting. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");
    private static final Pattern ENV = Pattern.compile("\\{\\{env:([A-Z0-9_]+):");

    @BeanInject
    CamelContext context;

    @Test
    void every_kind_is_there_and_the_labels_select_the_pods() throws IOException {
        Map<String, Map<String, Object>> byKind = manifests();
        assertEquals(Set.of("Deployment", "Service", "ConfigMap", "Secret", "HorizontalPodAutoscaler"),
                byKind.keySet());
        Map<String, Object> deployment = byKind.get("Deployment");
        Map<String, Object> podLabels = map(at(deployment, "spec", "template", "metadata", "labels"));
        assertSubset(map(at(deployment, "spec", "selector", "matchLabels")), podLabels, "Deployment selector");
        assertSubset(map(at(byKind.get("Service"), "spec", "selector")), podLabels, "Service selector");

        Map<String, Object> hpa = byKind.get("HorizontalPodAutoscaler");
        assertEquals("Deployment", at(hpa, "spec", "scaleTargetRef", "kind"));
        assertEquals(at(deployment, "metadata", "name"), at(hpa, "spec", "scaleTargetRef", "name"));
        int min = ((Number) at(hpa, "spec", "minReplicas")).intValue();
        assertTrue(min >= 2 && ((Number) at(hpa, "spec", "maxReplicas")).intValue() > min, "2 <= min < max");
    }

    @Test
    void the_service_and_the_probes_reach_caravan_where_it_listens() throws Exception {
        Map<String, Map<String, Object>> byKind = manifests();
        Map<String, Object> container = container(byKind.get("Deployment"));
        Map<String, Object> port = map(list(container.get("ports")).get(0));
        // the port the image and application.properties default to
        assertEquals(8080, ((Number) port.get("containerPort")).intValue());
        assertTrue(properties().getProperty("camel.server.port").contains(":8080}"));
        assertTrue(Files.readString(Path.of("Dockerfile")).contains("\nEXPOSE 8080\n"));
        assertEquals(port.get("name"), at(map(list(at(byKind.get("Service"), "spec", "ports")).get(0)),
                "targetPort"));

        Map<String, Integer> expected = Map.of("startupProbe", 200, "livenessProbe", 200, "readinessProbe", 200);
        for (Map.Entry<String, Integer> probe : expected.entrySet()) {
            Map<String, Object> httpGet = map(at(container, probe.getKey(), "httpGet"));
            assertEquals(port.get("name"), httpGet.get("port"), probe.getKey());
            // no provider is configured here: ready as soon as the routes are up
            HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create(CaravanClients.baseUrl(context) + httpGet.get("path")))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals((int) probe.getValue(), answer.statusCode(), probe.getKey() + ": " + answer.body());
        }
        assertEquals("/observe/health/live", at(container, "livenessProbe", "httpGet", "path"));
        assertEquals("/observe/health/ready", at(container, "readinessProbe", "httpGet", "path"));
    }

    @Test
    void limits_and_a_non_root_read_only_container() throws IOException {
        Map<String, Object> deployment = manifests().get("Deployment");
        Map<String, Object> container = container(deployment);
        for (String kind : List.of("requests", "limits")) {
            Map<String, Object> resources = map(at(container, "resources", kind));
            assertNotNull(resources.get("cpu"), kind);
            assertNotNull(resources.get("memory"), kind);
        }
        assertEquals(Boolean.TRUE, at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"));
        assertEquals(Boolean.TRUE, at(container, "securityContext", "readOnlyRootFilesystem"));
        assertTrue(Files.readString(Path.of("Dockerfile")).contains("\nUSER 10001:10001\n"));
    }

    @Test
    void the_config_map_holds_every_setting_and_the_pods_read_only_known_variables_and_secrets() throws IOException {
        Map<String, Map<String, Object>> byKind = manifests();
        Properties mounted = new Properties();
        mounted.load(new StringReader((String) at(byKind.get("ConfigMap"), "data", "application.properties")));
        assertEquals(properties().stringPropertyNames(), mounted.stringPropertyNames(),
                "configmap.yaml's application.properties has exactly the repository's settings");

        Map<String, Object> deployment = byKind.get("Deployment");
        Map<String, Object> container = container(deployment);
        Map<String, Object> mount = list(container.get("volumeMounts")).stream().map(KubernetesManifestsTest::map)
                .filter(m -> "/app/application.properties".equals(m.get("mountPath"))).findFirst().orElseThrow();
        Map<String, Object> volume = list(at(deployment, "spec", "template", "spec", "volumes")).stream()
                .map(KubernetesManifestsTest::map).filter(v -> mount.get("name").equals(v.get("name")))
                .findFirst().orElseThrow();
        assertEquals(at(byKind.get("ConfigMap"), "metadata", "name"), at(volume, "configMap", "name"));

        Set<String> known = new HashSet<>();
        Matcher matcher = ENV.matcher(Files.readString(Path.of("application.properties")));
        while (matcher.find()) {
            known.add(matcher.group(1));
        }
        Map<String, Object> secret = byKind.get("Secret");
        for (Object entry : list(container.get("env"))) {
            Map<String, Object> env = map(entry);
            String name = (String) env.get("name");
            assertTrue(known.contains(name) || RUNTIME_VARIABLES.contains(name),
                    name + " is read by no setting in application.properties");
            if (env.get("valueFrom") != null) {
                Map<String, Object> ref = map(at(env, "valueFrom", "secretKeyRef"));
                assertEquals(at(secret, "metadata", "name"), ref.get("name"), name);
                assertTrue(map(secret.get("stringData")).containsKey(ref.get("key")), name);
            }
        }
    }

    private static Map<String, Map<String, Object>> manifests() throws IOException {
        Load load = new Load(LoadSettings.builder().build());
        Map<String, Object> kustomization = map(load.loadFromString(Files.readString(DIR.resolve("kustomization.yaml"))));
        Map<String, Map<String, Object>> byKind = new LinkedHashMap<>();
        for (Object resource : list(kustomization.get("resources"))) {
            for (Object document : load.loadAllFromString(Files.readString(DIR.resolve((String) resource)))) {
                Map<String, Object> manifest = map(document);
                assertNotNull(manifest.get("apiVersion"), resource.toString());
                assertNotNull(at(manifest, "metadata", "name"), resource.toString());
                byKind.put((String) manifest.get("kind"), manifest);
            }
        }
        return byKind;
    }

    private static Properties properties() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(Path.of("application.properties"))));
        return properties;
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        return map(list(at(deployment, "spec", "template", "spec", "containers")).get(0));
    }

    private static void assertSubset(Map<String, Object> selector, Map<String, Object> labels, String what) {
        assertTrue(!selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet()),
                what + " " + selector + " does not select " + labels);
    }

    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = map(current).get(key);
            if (current == null) {
                throw new AssertionError("missing " + String.join(".", path));
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertTrue(node instanceof Map, "not a mapping: " + node);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertTrue(node instanceof List, "not a list: " + node);
        return new ArrayList<>((List<Object>) node);
    }
}
