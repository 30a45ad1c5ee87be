package dev.caravan.sandbox.bedrock;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which model ids the emulator knows, and their families: plain foundation-model ids, cross-region
 * inference-profile ids ({@code us.anthropic.…}, {@code global.…}) and the ARNs of both. Anything else (another
 * provider's model such as {@code gpt-4o-mini}, custom or provisioned models, application inference profiles) is
 * not a model this emulator can run, and CreateModelInvocationJob refuses it as the real service refuses an unknown
 * identifier.
 */
final class ModelCatalog {

    private static final Pattern ARN = Pattern.compile(
            "arn:aws(-[^:]+)?:bedrock:([a-z0-9-]{1,20}):([0-9]{12})?:(foundation-model|inference-profile)/(.+)");
    /** provider.model[-version][:n[:m]] */
    private static final Pattern BASE_ID = Pattern.compile("[a-z0-9-]{1,63}\\.[a-z0-9.-]{1,63}(:[a-z0-9-]{1,63}){0,2}");
    private static final Pattern GEOGRAPHY = Pattern.compile("(us|us-gov|eu|apac|jp|au|ca|global)\\.(.+)");

    private ModelCatalog() {
    }

    static Optional<ResolvedModel> resolve(String modelId) {
        String id = modelId;
        Matcher arn = ARN.matcher(id);
        if (arn.matches()) {
            id = arn.group(5);
            boolean profile = arn.group(4).equals("inference-profile");
            if (profile != GEOGRAPHY.matcher(id).matches()) {
                // a foundation-model ARN names a bare model id, an inference-profile ARN a profile id
                return Optional.empty();
            }
        }
        Matcher geography = GEOGRAPHY.matcher(id);
        if (geography.matches()) {
            id = geography.group(2);
        }
        if (!BASE_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        ModelFamily family = familyOf(id);
        return family == null ? Optional.empty() : Optional.of(new ResolvedModel(modelId, id, family));
    }

    private static ModelFamily familyOf(String id) {
        if (id.startsWith("anthropic.claude-")) {
            return ModelFamily.CLAUDE;
        }
        if (id.startsWith("amazon.nova-micro") || id.startsWith("amazon.nova-lite")
                || id.startsWith("amazon.nova-pro") || id.startsWith("amazon.nova-premier")
                || id.startsWith("amazon.nova-2-lite")) {
            return ModelFamily.NOVA;
        }
        if (id.startsWith("meta.llama3") || id.startsWith("meta.llama4")) {
            return ModelFamily.LLAMA;
        }
        if (id.startsWith("mistral.")) {
            return ModelFamily.MISTRAL;
        }
        if (id.startsWith("amazon.titan-text-")) {
            return ModelFamily.TITAN_TEXT;
        }
        if (id.startsWith("amazon.titan-embed-text-") || id.startsWith("amazon.titan-embed-g1-text-")) {
            return ModelFamily.TITAN_EMBED;
        }
        return null;
    }
}
