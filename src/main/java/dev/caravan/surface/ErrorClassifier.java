package dev.caravan.surface;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Turns whatever a route threw into a {@link GatewayError}: our own errors as they are, transport failures
 * towards an upstream as 502 / 504, anything else as an internal error whose details stay in the log.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    public static GatewayError classify(Throwable failure, String provider) {
        String upstream = provider == null ? "The upstream provider" : "Provider '" + provider + "'";
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GatewayError error) {
                return error;
            }
            // First: httpclient's connect timeout is a SocketTimeoutException, yet not a slow answer. Nothing was
            // sent; the upstream was out of reach.
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof ConnectTimeoutException) {
                return GatewayError.of(ErrorKind.UPSTREAM_UNAVAILABLE, upstream + " could not be reached.");
            }
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
                return GatewayError.of(ErrorKind.UPSTREAM_TIMEOUT, upstream + " did not answer in time.");
            }
            // Connected, then the connection went away (reset mid-request, closed before an answer).
            if (cause instanceof NoHttpResponseException || cause instanceof ConnectionClosedException
                    || cause instanceof SocketException) {
                return GatewayError.of(ErrorKind.UPSTREAM_UNAVAILABLE,
                        upstream + " could not be reached: the connection closed before it answered.");
            }
        }
        return GatewayError.of(ErrorKind.INTERNAL, "Caravan failed to process the request.");
    }
}
