package dev.caravan.store;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What the store's S3 client threw, as the caller's error. The store is Caravan's own, so its refusals (a missing
 * bucket, wrong credentials, a failing disk) are Caravan's trouble, not the caller's mistake: a 502 naming S3's code,
 * 504 when it was too slow. A missing object is not a failure here: the store answers it as an empty Optional.
 */
final class StoreFailures {

    private StoreFailures() {
    }

    static GatewayError translate(SdkException failure) {
        if (failure instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            return GatewayError.of(ErrorKind.UPSTREAM_ERROR, "Caravan's file store failed the request (HTTP "
                    + s3.statusCode() + (code == null ? "" : ", " + code) + ").");
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return GatewayError.of(ErrorKind.UPSTREAM_TIMEOUT, "Caravan's file store did not answer in time.");
        }
        if (failure instanceof SdkClientException) {
            return GatewayError.of(ErrorKind.UPSTREAM_UNAVAILABLE, "Caravan's file store could not be reached.");
        }
        return GatewayError.of(ErrorKind.INTERNAL, "Caravan failed to process the request.");
    }
}
