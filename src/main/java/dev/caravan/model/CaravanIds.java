package dev.caravan.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Self-routing ids (DESIGN §3). OpenAI's ids pass through unchanged; other providers' native ids are wrapped as
 * {@code file-<provider>-<base64url(native)>} / {@code batch-<provider>-<base64url(native)>}, so any Caravan instance
 * can route a later call without a database and without the caller restating the provider.
 */
public final class CaravanIds {

    public enum Kind {
        FILE("file-"), BATCH("batch-");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private CaravanIds() {
    }

    public static String wrap(Kind kind, Provider provider, String nativeId) {
        return kind.prefix + provider.wireName() + "-"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(nativeId.getBytes(StandardCharsets.UTF_8));
    }

    /** The provider an id belongs to: the wrapped provider, OpenAI for OpenAI-shaped ids, empty if unrecognisable. */
    public static Optional<Provider> providerOf(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            for (Provider provider : Provider.values()) {
                if (provider != Provider.OPENAI && id.startsWith(kind.prefix + provider.wireName() + "-")) {
                    return Optional.of(provider);
                }
            }
        }
        if (id.startsWith("file-") || id.startsWith("batch_")) {
            return Optional.of(Provider.OPENAI);
        }
        return Optional.empty();
    }

    /** The native id inside a wrapped id; an unwrapped (OpenAI) id is its own native id. */
    public static String nativeId(String id) {
        Optional<Provider> provider = providerOf(id);
        if (provider.isEmpty() || provider.get() == Provider.OPENAI) {
            return id;
        }
        String encoded = id.substring(id.indexOf('-', id.indexOf('-') + 1) + 1);
        try {
            return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GatewayError.notFound("id", "No such object: " + id);
        }
    }
}
