package dev.caravan.provider.bedrock;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.object.ObjectAddress;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Translates what the S3 client threw into a {@link GatewayError}: S3's own answer keeps its status, code and
 * message; a body that failed verification on the way up keeps the error the body raised; a store that cannot be
 * reached is a 503, as S3 itself answers when it cannot serve.
 */
final class S3Failures {

    private S3Failures() {
    }

    static GatewayError translate(SdkException failure, ObjectAddress address) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GatewayError error) {
                return error;
            }
        }
        if (failure instanceof S3Exception s3) {
            return fromS3(s3, address);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return GatewayError.of(ErrorKind.UPSTREAM_TIMEOUT, "The S3 store did not answer in time.");
        }
        if (failure instanceof SdkClientException) {
            return GatewayError.of(ErrorKind.UPSTREAM_UNAVAILABLE,
                    "The S3 store could not be reached; please retry.");
        }
        return GatewayError.of(ErrorKind.INTERNAL, "Caravan failed to process the request.");
    }

    private static GatewayError fromS3(S3Exception s3, ObjectAddress address) {
        int status = s3.statusCode();
        String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
        String message = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorMessage();
        if (code == null || code.isEmpty()) {
            // HEAD answers carry no body, so the SDK only has the status to go on
            code = switch (status) {
                case 304 -> "NotModified";
                case 403 -> "AccessDenied";
                case 404 -> address.key() == null ? "NoSuchBucket" : "NoSuchKey";
                case 412 -> "PreconditionFailed";
                case 416 -> "InvalidRange";
                default -> status >= 500 ? "InternalError" : "InvalidRequest";
            };
        }
        if (message == null || message.isEmpty()) {
            message = code;
        }
        if (status == 304) {
            return new GatewayError(ErrorKind.NOT_MODIFIED, 304, message, null, code, null);
        }
        return GatewayError.upstream(status, message, null, code, null);
    }
}
