package dev.caravan.jsonl.canonical;

/**
 * Why a request has no result. {@code status} is the HTTP status the provider answered the request with, or 0 when
 * it never ran ({@code code} is then {@code batch_expired}, {@code batch_cancelled} or {@code request_timeout}).
 * {@code type} is the provider's error type when it had one.
 */
public record ResultError(int status, String code, String type, String message) {

    public static final String EXPIRED = "batch_expired";
    public static final String CANCELLED = "batch_cancelled";

    public boolean executed() {
        return status > 0;
    }
}
