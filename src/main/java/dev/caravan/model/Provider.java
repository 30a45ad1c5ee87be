package dev.caravan.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The upstreams Caravan routes to; the wire name is what callers send as {@code provider} / {@code x-model-provider}. */
public enum Provider {
    OPENAI, ANTHROPIC, GEMINI, BEDROCK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Provider parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.wireName().equals(wanted))
                .findFirst()
                .orElseThrow(() -> GatewayError.invalid("provider",
                        "Unknown provider '" + value + "'. Valid providers are: " + validNames() + "."));
    }

    public static String validNames() {
        return Arrays.stream(values()).map(Provider::wireName).collect(Collectors.joining(", "));
    }
}
