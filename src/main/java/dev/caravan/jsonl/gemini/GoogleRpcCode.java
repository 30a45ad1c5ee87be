package dev.caravan.jsonl.gemini;

/**
 * The google.rpc.Code values with the HTTP status each maps to (google/rpc/code.proto). A Gemini batch error line is
 * a status object: its {@code code} may be the HTTP status (as in the REST error envelope) or the rpc code itself.
 */
enum GoogleRpcCode {
    OK(0, 200), CANCELLED(1, 499), UNKNOWN(2, 500), INVALID_ARGUMENT(3, 400), DEADLINE_EXCEEDED(4, 504),
    NOT_FOUND(5, 404), ALREADY_EXISTS(6, 409), PERMISSION_DENIED(7, 403), RESOURCE_EXHAUSTED(8, 429),
    FAILED_PRECONDITION(9, 400), ABORTED(10, 409), OUT_OF_RANGE(11, 400), UNIMPLEMENTED(12, 501), INTERNAL(13, 500),
    UNAVAILABLE(14, 503), DATA_LOSS(15, 500), UNAUTHENTICATED(16, 401);

    /** Declared in number order, so a code's number is its ordinal. */
    private static final GoogleRpcCode[] BY_NUMBER = values();

    private final int httpStatus;

    GoogleRpcCode(int number, int httpStatus) {
        assert number == ordinal();
        this.httpStatus = httpStatus;
    }

    int httpStatus() {
        return httpStatus;
    }

    /** The code with this number, or null. */
    static GoogleRpcCode ofNumber(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** The code with this name ({@code INVALID_ARGUMENT}), or null. */
    static GoogleRpcCode ofName(String name) {
        for (GoogleRpcCode code : BY_NUMBER) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return null;
    }
}
