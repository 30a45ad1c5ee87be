package dev.caravan.jsonl;

import dev.caravan.model.GatewayError;

/** Errors in a batch file always say which line (1-based, blank lines counted) and what is wrong with it. */
public final class LineError {

    private LineError() {
    }

    public static GatewayError at(int lineNumber, String problem) {
        return GatewayError.invalid("file", "line " + lineNumber + ": " + problem);
    }

    /** A source parameter the target format has no place for. */
    public static GatewayError unsupported(int lineNumber, String parameter, String target) {
        return at(lineNumber, "parameter '" + parameter + "' has no equivalent in " + target
                + "; remove it or choose a provider that supports it");
    }
}
