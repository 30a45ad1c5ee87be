package dev.caravan.sandbox.bedrock;

/**
 * A record whose modelInput the model refuses: the record's result is an error line {@code {"errorCode":400,
 * "errorMessage":…}} and the job goes on. The messages follow Bedrock's InvokeModel ValidationException for a body
 * that fails the model's schema: {@code Malformed input request: #: required key [max_tokens] not found, please
 * reformat your input and try again.}
 */
final class ModelInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private ModelInputException(String message) {
        super(message, null, false, false);
    }

    static ModelInputException malformed(String detail) {
        return new ModelInputException("Malformed input request: " + detail + ", please reformat your input and try "
                + "again.");
    }

    static ModelInputException requiredKey(String pointer, String key) {
        return malformed(pointer + ": required key [" + key + "] not found");
    }

    static ModelInputException extraneousKey(String pointer, String key) {
        return malformed(pointer + ": extraneous key [" + key + "] is not permitted");
    }

    static ModelInputException wrongType(String pointer, String expected, String found) {
        return malformed(pointer + ": expected type: " + expected + ", found: " + found);
    }

    /** A rule the model applies beyond its schema, worded as the model's own API words it. */
    static ModelInputException invalid(String message) {
        return new ModelInputException(message);
    }
}
