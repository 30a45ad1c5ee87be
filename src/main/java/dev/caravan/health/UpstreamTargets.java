package dev.caravan.health;

import java.net.URI;
import java.util.List;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Which upstreams this instance is configured to call, read from the same settings the providers use. A provider
 * without its credentials (OpenAI, Anthropic, Gemini: an API key; Bedrock: an endpoint, an access key or a role; the
 * Bedrock S3 store: an endpoint or an access key) is not configured and never makes the instance unready: its calls
 * answer 401 or 400 whatever the network does.
 */
public final class UpstreamTargets {

    /** Every check name, in the order the readiness answer lists them. */
    public static final List<String> NAMES = List.of("openai", "anthropic", "gemini", "bedrock", "bedrock-s3", "store");

    private final PropertiesComponent properties;

    public UpstreamTargets(PropertiesComponent properties) {
        this.properties = properties;
    }

    public List<UpstreamTarget> resolve() {
        return List.of(
                keyed("openai", "caravan.openai.base-url", "caravan.openai.api-key"),
                keyed("anthropic", "caravan.anthropic.base-url", "caravan.anthropic.api-key"),
                keyed("gemini", "caravan.gemini.base-url", "caravan.gemini.api-key"),
                aws("bedrock", "caravan.bedrock", "bedrock", value("caravan.bedrock.role-arn")),
                aws("bedrock-s3", "caravan.bedrock.s3", "s3", ""),
                store());
    }

    private UpstreamTarget keyed(String name, String baseUrlSetting, String keySetting) {
        if (value(keySetting).isEmpty()) {
            return UpstreamTarget.skipped(name, "not configured (" + keySetting + " is empty)");
        }
        return url(name, baseUrlSetting, value(baseUrlSetting));
    }

    /** Bedrock and S3: an empty endpoint means AWS's regional one, which AWS SDK clients would call. */
    private UpstreamTarget aws(String name, String prefix, String service, String extraSign) {
        String endpoint = value(prefix + ".endpoint");
        if (endpoint.isEmpty() && value(prefix + ".access-key").isEmpty() && extraSign.isEmpty()) {
            return UpstreamTarget.skipped(name, "not configured (" + prefix + ".endpoint and " + prefix
                    + ".access-key are empty)");
        }
        if (endpoint.isEmpty()) {
            return url(name, prefix + ".region",
                    "https://" + service + "." + value(prefix + ".region") + ".amazonaws.com");
        }
        return url(name, prefix + ".endpoint", endpoint);
    }

    /** Caravan's own store: embedded (in-process, started on first use) unless an endpoint is set. */
    private UpstreamTarget store() {
        String endpoint = value("caravan.store.endpoint");
        if (endpoint.isEmpty()) {
            return UpstreamTarget.skipped("store", "embedded store (in-process)");
        }
        return url("store", "caravan.store.endpoint", endpoint);
    }

    private static UpstreamTarget url(String name, String setting, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return UpstreamTarget.broken(name, setting + " is not an http(s) URL");
            }
            return UpstreamTarget.probed(name, uri);
        } catch (IllegalArgumentException e) {
            return UpstreamTarget.broken(name, setting + " is not a valid URL");
        }
    }

    private String value(String name) {
        return properties.resolveProperty(name).map(String::trim).orElse("");
    }
}
