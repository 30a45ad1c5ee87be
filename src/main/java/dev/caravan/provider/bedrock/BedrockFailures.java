package dev.caravan.provider.bedrock;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.net.SocketTimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Translates what the Bedrock client threw: Bedrock's own answer keeps its status, exception name and message, so
 * the caller's SDK raises the same exception it would against Bedrock; an unreachable control plane is a 502, a
 * timeout a 504 (DESIGN §6).
 */
final class BedrockFailures {

    private BedrockFailures() {
    }

    static GatewayError translate(SdkException failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return GatewayError.upstream(service.statusCode(), message == null ? code : message, null, code, null);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException
                || failure.getCause() instanceof SocketTimeoutException) {
            return GatewayError.of(ErrorKind.UPSTREAM_TIMEOUT, "Bedrock did not answer in time.");
        }
        if (failure instanceof SdkClientException) {
            return GatewayError.of(ErrorKind.UPSTREAM_UNAVAILABLE, "Bedrock could not be reached; please retry.");
        }
        return GatewayError.of(ErrorKind.INTERNAL, "Caravan failed to process the request.");
    }
}
