package dev.caravan.observe;

/**
 * A finished request: its record plus what the response showed.
 *
 * @param requestId     the id the caller saw: x-request-id (OpenAI surface), x-amz-request-id (S3),
 *                      x-amzn-RequestId (Bedrock), else the one Caravan made up for the log
 * @param status        the HTTP status sent
 * @param completed     false when the connection closed before the response was complete
 * @param bytesIn       request bytes read (an upload's size)
 * @param bytesOut      response bytes written (a download's size)
 */
public record RequestOutcome(RequestRecord record, String requestId, int status, boolean completed, long durationNanos,
                             long bytesIn, long bytesOut) {

    public double durationMillis() {
        return durationNanos / 1_000_000.0;
    }
}
