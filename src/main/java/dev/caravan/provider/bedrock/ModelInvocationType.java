package dev.caravan.provider.bedrock;

import dev.caravan.model.GatewayError;

/**
 * How Bedrock runs each record of a batch job (CreateModelInvocationJob {@code modelInvocationType}, provider-apis.md
 * §6.2): {@code InvokeModel}, the default, takes the model family's own body as {@code modelInput}; {@code Converse}
 * takes a Converse request, the same shape for every chat model.
 */
public enum ModelInvocationType {
    INVOKE_MODEL("InvokeModel"),
    CONVERSE("Converse");

    /** Echoed values are cut here so a hostile value cannot blow up the error message. */
    private static final int MAX_ECHOED = 100;

    private final String wireName;

    ModelInvocationType(String wireName) {
        this.wireName = wireName;
    }

    /** The value as Bedrock spells it on the wire. */
    public String wireName() {
        return wireName;
    }

    /**
     * The type a CreateModelInvocationJob request asked for, or null when it did not set one (then Caravan decides,
     * see {@link JobInputCheck}). Bedrock's enums are case-sensitive, so only the exact wire names are accepted; any
     * other value is refused the way Bedrock's own ValidationException words it.
     */
    public static ModelInvocationType parse(String wireName) {
        if (wireName == null) {
            return null;
        }
        for (ModelInvocationType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        String echoed = wireName.length() > MAX_ECHOED ? wireName.substring(0, MAX_ECHOED) + "…" : wireName;
        throw GatewayError.invalid("modelInvocationType", "1 validation error detected: Value '" + echoed
                + "' at 'modelInvocationType' failed to satisfy constraint: Member must satisfy enum value set: "
                + "[InvokeModel, Converse]");
    }
}
