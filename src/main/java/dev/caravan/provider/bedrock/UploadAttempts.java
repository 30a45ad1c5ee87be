package dev.caravan.provider.bedrock;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.object.ObjectBody;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Uploads stream the caller's body, which can be read only once. An attempt that fails before the first byte was
 * read (typically a pooled connection the store had already closed, found out while waiting for 100-continue) is
 * safe to repeat with the same stream; once a byte has gone, the first answer is final, so the store's real error
 * reaches the caller instead of a failed replay. The sync S3 client runs every attempt on the calling thread, which
 * is how the retry condition sees this call's body.
 */
final class UploadAttempts {

    private static final ThreadLocal<OnceReadable> CURRENT = new ThreadLocal<>();

    private UploadAttempts() {
    }

    static RetryStrategy retryStrategy(int maxAttempts) {
        return StandardRetryStrategy.builder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(2)))
                .circuitBreakerEnabled(false)
                .retryOnException(failure -> failure instanceof SdkClientException && untouched())
                // the client's defaults would add S3's own conditions (5xx, throttling) and retry an upload whose
                // body already went: the store's answer would turn into a failed replay
                .useClientDefaults(false)
                .build();
    }

    static <T> T upload(ObjectBody body, Function<RequestBody, T> call) {
        OnceReadable content = new OnceReadable(body.content());
        CURRENT.set(content);
        try {
            return call.apply(RequestBody.fromContentProvider(content::handOut, body.length(), body.contentType()));
        } finally {
            CURRENT.remove();
            content.release();
        }
    }

    private static boolean untouched() {
        OnceReadable content = CURRENT.get();
        return content != null && !content.touched;
    }

    /** The caller's body: the SDK may ask for it again only while nothing has been read; it closes it never. */
    private static final class OnceReadable extends FilterInputStream {

        private volatile boolean touched;
        private volatile GatewayError bodyFailure;

        OnceReadable(InputStream in) {
            super(in);
        }

        InputStream handOut() {
            if (bodyFailure != null) {
                // the caller's body failed (stalled, bad checksum...): that, not the store, is the answer
                throw bodyFailure;
            }
            if (touched) {
                throw GatewayError.of(ErrorKind.UPSTREAM_UNAVAILABLE,
                        "The S3 store failed while the upload was in flight; please retry.");
            }
            return this;
        }

        @Override
        public int read() throws IOException {
            touched = true;
            try {
                return super.read();
            } catch (GatewayError failure) {
                bodyFailure = failure;
                throw failure;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            touched = true;
            try {
                return super.read(buffer, offset, length);
            } catch (GatewayError failure) {
                bodyFailure = failure;
                throw failure;
            }
        }

        @Override
        public long skip(long count) throws IOException {
            touched = true;
            return super.skip(count);
        }

        @Override
        public void close() {
            // an attempt that gave up must not end the body the next attempt will send; release() does
        }

        void release() {
            try {
                in.close();
            } catch (IOException ignored) {
                // the caller's connection is already gone; nothing is left to tell it
            }
        }
    }
}
