package dev.caravan.provider.bedrock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Bedrock's batch quotas per model: the defaults, and per-model records-per-job ranges from one setting such as
 * {@code anthropic.claude-3-haiku=1000..50000,meta.llama3=100..20000}. Each entry is a model-id prefix, {@code =},
 * then {@code min..max}. The minimum in particular differs by model and account (100 by default, 1000 reported for
 * some models), and a job Bedrock would refuse after minutes of validation should be refused by Caravan at once.
 * A malformed setting fails when it is parsed, at startup, naming the bad entry.
 */
public final class JobQuotas {

    private static final String FORMAT = "expected <model-id prefix>=<min>..<max>, e.g. anthropic.claude-3-haiku=1000..50000";

    private final RecordQuotas defaults;
    /** Longest prefix first, so the first match is the most specific one. */
    private final List<ModelRange> overrides;

    private record ModelRange(String prefix, long min, long max) {
    }

    private JobQuotas(RecordQuotas defaults, List<ModelRange> overrides) {
        this.defaults = defaults;
        this.overrides = overrides;
    }

    /** The per-model setting over Bedrock's default quotas. */
    public static JobQuotas parse(String overrides) {
        return parse(RecordQuotas.BEDROCK_DEFAULTS, overrides);
    }

    /**
     * The per-model setting over the given defaults (the sandbox passes a minimum of 1, DESIGN §8b). A null or blank
     * setting has no overrides; blank entries (a trailing comma) are ignored.
     */
    public static JobQuotas parse(RecordQuotas defaults, String overrides) {
        Objects.requireNonNull(defaults, "defaults");
        List<ModelRange> parsed = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        if (overrides != null) {
            for (String entry : overrides.split(",")) {
                if (!entry.isBlank()) {
                    ModelRange range = entry(entry.trim());
                    if (!prefixes.add(range.prefix())) {
                        throw malformed(entry.trim(), "the prefix " + range.prefix() + " appears twice");
                    }
                    parsed.add(range);
                }
            }
        }
        parsed.sort(Comparator.comparingInt((ModelRange o) -> o.prefix().length()).reversed());
        return new JobQuotas(defaults, List.copyOf(parsed));
    }

    private static ModelRange entry(String entry) {
        int equals = entry.indexOf('=');
        if (equals < 0) {
            throw malformed(entry, FORMAT);
        }
        String prefix = entry.substring(0, equals).trim().toLowerCase(Locale.ROOT);
        String range = entry.substring(equals + 1).trim();
        int dots = range.indexOf("..");
        if (prefix.isEmpty() || dots < 0) {
            throw malformed(entry, FORMAT);
        }
        long min = number(entry, range.substring(0, dots).trim());
        long max = number(entry, range.substring(dots + 2).trim());
        if (max < 1 || min > max) {
            throw malformed(entry, "the range must have 0 <= min <= max and max >= 1");
        }
        return new ModelRange(prefix, min, max);
    }

    private static long number(String entry, String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(entry, FORMAT);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw malformed(entry, "the number " + text + " is too large");
        }
    }

    private static IllegalArgumentException malformed(String entry, String why) {
        return new IllegalArgumentException("Bedrock batch record quota setting: entry \"" + entry + "\" is malformed; "
                + why);
    }

    /**
     * The quotas for a model id, inference-profile id or ARN: the longest configured prefix matching the
     * foundation-model id inside it, else the defaults.
     */
    public RecordQuotas forModel(String modelId) {
        Objects.requireNonNull(modelId, "modelId");
        String id = modelId.trim().toLowerCase(Locale.ROOT);
        if (id.startsWith("arn:")) {
            // foundation-model/… or inference-profile/…; custom, provisioned and application-profile ARNs end in
            // opaque ids and so keep the defaults
            id = id.substring(id.lastIndexOf('/') + 1);
        }
        // An inference profile is the foundation-model id behind a geography (us., eu., global., …). Not
        // BedrockModelFamily.baseId: that drops the first segment of any provider it does not know (cohere.x -> x).
        // Only a rest that still reads provider.model is a candidate, so "anthropic.claude-x" never matches "claude".
        int dot = id.indexOf('.');
        String profileless = dot >= 0 && id.indexOf('.', dot + 1) >= 0 ? id.substring(dot + 1) : null;
        for (ModelRange range : overrides) {
            if (id.startsWith(range.prefix())
                    || (profileless != null && profileless.startsWith(range.prefix()))) {
                return defaults.withRecordsPerJob(range.min(), range.max());
            }
        }
        return defaults;
    }
}
