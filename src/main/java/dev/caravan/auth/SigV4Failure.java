package dev.caravan.auth;

/** Why a request's SigV4 authentication failed, with the S3 error code and HTTP status S3 answers it with. */
public enum SigV4Failure {
    /** No credentials at all (S3's answer to an anonymous request), or credentials S3 refuses as they are. */
    ACCESS_DENIED("AccessDenied", 403),
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403),
    AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400),
    AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400),
    /** A missing x-amz-content-sha256, an unsupported algorithm, or two auth mechanisms at once. */
    INVALID_REQUEST("InvalidRequest", 400),
    /** An x-amz-content-sha256 value that is neither a hex SHA-256 nor one of the known modes. */
    INVALID_ARGUMENT("InvalidArgument", 400);

    private final String code;
    private final int status;

    SigV4Failure(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
