package dev.caravan.model;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Self-routing ids (DESIGN §3). OpenAI's ids pass through unchanged; other providers' native ids are wrapped as
 * {@code file-<provider>-<base64url(native)>} / {@code batch-<provider>-<base64url(native)>}, so any Caravan instance
 * can route a later call without a database and without the caller restating the provider. On the bedrock surface a
 * batch of any provider but Bedrock is a job whose ARN ends in {@code model-invocation-job/<provider>-<base64url>}:
 * the same token as the batch id, so one id scheme serves both surfaces.
 *
 * <p>With {@code caravan.ids.secret} set, every token Caravan mints ends in {@code .<HMAC>} and a token whose HMAC
 * does not verify names nothing (404): a forged id can never make Caravan read a bucket or batch it did not hand out.
 * The secret is process-wide state, set once per context start ({@link #configure}), because ids are minted and read
 * in plain mapping code everywhere; one process serves one deployment's ids.
 */
public final class CaravanIds {

    public enum Kind {
        FILE("file-"), BATCH("batch-");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final String JOB_RESOURCE = ":model-invocation-job/";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int SIGNATURE_BYTES = 16;

    private static volatile byte[] secret;

    private CaravanIds() {
    }

    /** Sets the HMAC secret ids are signed with; null or blank: ids are not signed. */
    public static void configure(String idSecret) {
        secret = idSecret == null || idSecret.isBlank() ? null : idSecret.getBytes(StandardCharsets.UTF_8);
    }

    public static String wrap(Kind kind, Provider provider, String nativeId) {
        return kind.prefix + token(kind, provider, nativeId);
    }

    /**
     * The part of an id after its kind prefix, {@code <provider>-<base64url(native)>[.<hmac>]}; for any provider,
     * OpenAI included (a job ARN needs it for OpenAI batches too).
     */
    public static String token(Kind kind, Provider provider, String nativeId) {
        String body = provider.wireName() + "-" + BASE64URL.encodeToString(nativeId.getBytes(StandardCharsets.UTF_8));
        byte[] key = secret;
        return key == null ? body : body + "." + signature(key, kind, body);
    }

    /**
     * The provider an id belongs to: the wrapped provider, OpenAI for OpenAI-shaped ids, the provider in a job ARN
     * or job id Caravan made, Bedrock for Bedrock's own job ARNs; empty if unrecognisable.
     */
    public static Optional<Provider> providerOf(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (id.startsWith(kind.prefix)) {
                Optional<Provider> wrapped = tokenProvider(id.substring(kind.prefix.length()));
                if (wrapped.isPresent() && wrapped.get() != Provider.OPENAI) {
                    return wrapped;
                }
            }
        }
        if (id.startsWith("file-") || id.startsWith("batch_")) {
            return Optional.of(Provider.OPENAI);
        }
        if (id.startsWith("arn:") && id.contains(JOB_RESOURCE)) {
            return Optional.of(tokenProvider(jobResource(id)).orElse(Provider.BEDROCK));
        }
        return tokenProvider(id);
    }

    /**
     * The candidates that are ids Caravan wrapped for a provider other than OpenAI (file-gemini-…, batch-anthropic-…),
     * surrounding quotes ignored: the first such, else null. Only these can name their provider where a value could
     * as well be an S3 key or ETag, which an OpenAI-shaped id ({@code file-abc}) could be.
     */
    public static String firstWrapped(String... candidates) {
        for (String candidate : candidates) {
            String value = candidate == null ? "" : candidate.trim().replace("\"", "");
            for (Kind kind : Kind.values()) {
                if (value.startsWith(kind.prefix) && tokenProvider(value.substring(kind.prefix.length()))
                        .filter(provider -> provider != Provider.OPENAI).isPresent()) {
                    return value;
                }
            }
        }
        return null;
    }

    /** The native id inside a wrapped id; an unwrapped (OpenAI) id is its own native id. */
    public static String nativeId(String id) {
        Optional<Provider> provider = providerOf(id);
        if (provider.isEmpty() || provider.get() == Provider.OPENAI) {
            return id;
        }
        for (Kind kind : Kind.values()) {
            if (id.startsWith(kind.prefix)) {
                return fromToken(kind, id.substring(kind.prefix.length()), id);
            }
        }
        // a bare token or a job ARN is a job identifier, not a file or batch id
        throw notFound(id);
    }

    /**
     * The native batch id inside a job identifier Caravan made ({@code arn:…:model-invocation-job/<token>} or the
     * bare token); a 404 when it is not one, or its signature does not verify.
     */
    public static String nativeJobId(String jobIdentifier) {
        String token = jobIdentifier.startsWith("arn:") ? jobResource(jobIdentifier) : jobIdentifier;
        return fromToken(Kind.BATCH, token, jobIdentifier);
    }

    private static String fromToken(Kind kind, String token, String id) {
        int dash = token.indexOf('-');
        int dot = token.indexOf('.');
        String body = dot < 0 ? token : token.substring(0, dot);
        byte[] key = secret;
        if (dash < 0 || (key != null && (dot < 0 || !verifies(key, kind, body, token.substring(dot + 1))))
                || (key == null && dot >= 0)) {
            throw notFound(id);
        }
        try {
            return new String(Base64.getUrlDecoder().decode(body.substring(dash + 1)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static Optional<Provider> tokenProvider(String token) {
        for (Provider provider : Provider.values()) {
            String prefix = provider.wireName() + "-";
            if (token.startsWith(prefix) && token.length() > prefix.length()) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    private static String jobResource(String arn) {
        return arn.substring(arn.indexOf(JOB_RESOURCE) + JOB_RESOURCE.length());
    }

    private static boolean verifies(byte[] key, Kind kind, String body, String presented) {
        return MessageDigest.isEqual(signature(key, kind, body).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private static String signature(byte[] key, Kind kind, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal((kind.prefix + body).getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(Arrays.copyOf(full, SIGNATURE_BYTES));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static GatewayError notFound(String id) {
        return GatewayError.notFound("id", "No such object: " + id);
    }
}
