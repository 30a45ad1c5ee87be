package dev.caravan.provider.gemini;

import dev.caravan.model.CaravanIds;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import java.util.regex.Pattern;

/**
 * A Gemini batch: its resource name {@code batches/<id>}, handed out as {@code batch-gemini-<base64url(name)>}
 * (DESIGN §3). The name goes into request paths as it is, so only names of this shape are accepted.
 */
public record GeminiBatchId(String name) {

    static final Pattern NAME = Pattern.compile("batches/[A-Za-z0-9_-]{1,200}");

    public GeminiBatchId {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Gemini batch name: " + name);
        }
    }

    /** The Caravan id. */
    public String id() {
        return CaravanIds.wrap(CaravanIds.Kind.BATCH, Provider.GEMINI, name);
    }

    /** The id inside the name, without {@code batches/}. */
    public String shortId() {
        return name.substring("batches/".length());
    }

    /**
     * A Caravan batch id of this provider, or Gemini's own {@code batches/…} name. An id that cannot name a Gemini
     * batch is a 404 naming it: it may well be a batch, only not one Gemini has.
     */
    public static GeminiBatchId parse(String id, String param) {
        String name;
        if (id != null && id.startsWith("batches/")) {
            name = id;
        } else if (id != null && id.startsWith("batch-") && CaravanIds.providerOf(id).orElse(null) == Provider.GEMINI) {
            name = CaravanIds.nativeId(id);
        } else {
            throw notFound(id, param);
        }
        if (!NAME.matcher(name).matches()) {
            throw notFound(id, param);
        }
        return new GeminiBatchId(name);
    }

    /** The batch a Gemini answer names; an answer naming none Caravan can read is Gemini's fault. */
    static GeminiBatchId fromUpstream(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw GeminiUpstreamErrors.unexpected("a batch named '" + name + "'");
        }
        return new GeminiBatchId(name);
    }

    private static GatewayError notFound(String id, String param) {
        return GatewayError.notFound(param, "No such Batch object: " + id);
    }
}
