package dev.caravan.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import io.kubernetes.client.custom.QuantityFormatException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' OpenAPI schema for the kinds Caravan's manifests use, as the official Kubernetes Java client
 * (client-java-api) generates it into model classes. kubeconform is in neither Debian nor npm here and no cluster is
 * there for a server-side dry run; these models are generated from the same OpenAPI document the API server serves.
 *
 * <p>A document is checked twice: by the model's {@code validateJsonElement}, which rejects a field the schema does
 * not define and a required field that is missing, on every nested object (V1Container, V1Probe, V1HTTPGetAction, ...),
 * and each message names the field and the schema type; then by binding it to the model with the client's own Gson,
 * which the first check does not do and which catches a value of the wrong type (a port that is no number) and a
 * resource quantity Kubernetes would not parse ("500m", "1Gi" are quantities, "lots" is not). Int-or-string fields
 * (targetPort: http, httpGet.port: http) bind to IntOrString and pass, as they do in Kubernetes.
 */
final class KubernetesSchema {

    /** A model's static validateJsonElement (declared to throw IOException, which it never does for a JSON tree). */
    @FunctionalInterface
    private interface Validator {
        void validate(JsonElement json) throws IOException;
    }

    /** The schema type of one apiVersion and kind, by its two checks. */
    private record Model(Class<?> type, Validator validator) {
    }

    private static final Map<String, Model> MODELS = Map.of(
            "apps/v1 Deployment", new Model(V1Deployment.class, V1Deployment::validateJsonElement),
            "v1 Service", new Model(V1Service.class, V1Service::validateJsonElement),
            "v1 ConfigMap", new Model(V1ConfigMap.class, V1ConfigMap::validateJsonElement),
            "v1 Secret", new Model(V1Secret.class, V1Secret::validateJsonElement),
            "autoscaling/v2 HorizontalPodAutoscaler",
            new Model(V2HorizontalPodAutoscaler.class, V2HorizontalPodAutoscaler::validateJsonElement));

    // a plain Gson turns snakeyaml-engine's maps, lists and scalars into the JSON tree the validators read
    private static final Gson TREE = new Gson();

    private KubernetesSchema() {
    }

    /**
     * How the document (as snakeyaml-engine reads one YAML document) breaks the schema, or empty when it does not: an
     * apiVersion and kind this schema does not cover, the validator's message, or the binding's.
     */
    static Optional<String> violation(Object document) {
        if (!(document instanceof Map<?, ?> manifest)) {
            return Optional.of("not a mapping");
        }
        String kind = manifest.get("apiVersion") + " " + manifest.get("kind");
        Model model = MODELS.get(kind);
        if (model == null) {
            return Optional.of("no schema for apiVersion and kind " + kind + " (known: " + MODELS.keySet() + ")");
        }
        JsonElement json = TREE.toJsonTree(document);
        try {
            model.validator().validate(json);
            JSON.getGson().fromJson(json, model.type());
            return Optional.empty();
        } catch (IOException | IllegalArgumentException | JsonParseException | QuantityFormatException e) {
            return Optional.of(kind + ": " + e.getMessage());
        }
    }
}
