package dev.caravan.health;

import java.net.URI;

/**
 * One upstream a readiness check looks at.
 *
 * @param name       the check's name: openai, anthropic, gemini, bedrock, bedrock-s3, store
 * @param probe      the URL whose answer (any HTTP status) shows the upstream is reachable; null: nothing to probe
 * @param unprobed   why there is nothing to probe (not configured, embedded, malformed URL); null when probed
 * @param healthy    whether an unprobed target counts as UP (false only for a setting that cannot work)
 */
public record UpstreamTarget(String name, URI probe, String unprobed, boolean healthy) {

    public static UpstreamTarget probed(String name, URI probe) {
        return new UpstreamTarget(name, probe, null, true);
    }

    /** Not configured, or nothing to reach over the network: not a reason to take the instance out of service. */
    public static UpstreamTarget skipped(String name, String why) {
        return new UpstreamTarget(name, null, why, true);
    }

    /** Configured with a value that cannot be called (a malformed URL): DOWN, with the setting named. */
    public static UpstreamTarget broken(String name, String why) {
        return new UpstreamTarget(name, null, why, false);
    }

    /** scheme://host:port only: a base URL never reaches a health answer with user info, path or query. */
    public String origin() {
        if (probe == null) {
            return "";
        }
        return probe.getScheme() + "://" + probe.getHost() + (probe.getPort() < 0 ? "" : ":" + probe.getPort());
    }
}
