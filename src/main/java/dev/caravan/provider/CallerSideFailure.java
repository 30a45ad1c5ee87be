package dev.caravan.provider;

/**
 * A request body that was being sent upstream as it arrived from the caller could not be finished, for a reason on
 * the caller's side (its body broke off, failed a check, or turned out to be meant for another route). The upstream
 * call is aborted by it, yet the upstream did nothing wrong: circuit breakers do not count it.
 */
public final class CallerSideFailure extends RuntimeException {

    public CallerSideFailure(RuntimeException cause) {
        super(cause.getMessage(), cause, false, false);
    }

    /** Whether a failure, or one of its causes, is one of these. */
    public static boolean isIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CallerSideFailure) {
                return true;
            }
        }
        return false;
    }
}
