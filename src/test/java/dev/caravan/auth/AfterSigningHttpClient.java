package dev.caravan.auth;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The AWS SDK's HTTP client with a step between signing and the wire: it adds headers (as boto3's before-send hook
 * adds x-model-provider) or flips one byte of the body (as a faulty proxy or an attacker could). An
 * ExecutionInterceptor cannot do either: modifyHttpRequest and modifyHttpContent run before the SDK signs, and
 * beforeTransmission may only look.
 */
final class AfterSigningHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate;
    private final Map<String, String> addedHeaders = new ConcurrentHashMap<>();
    private volatile long flipAt = -1;

    AfterSigningHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** Adds this header to every request from now on. */
    AfterSigningHttpClient addHeader(String name, String value) {
        addedHeaders.put(name, value);
        return this;
    }

    /** Flips the lowest bit of the body byte at this offset (of the body as sent, framing included); -1 for none. */
    AfterSigningHttpClient flipBodyByteAt(long offset) {
        flipAt = offset;
        return this;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest.Builder http = request.httpRequest().toBuilder();
        addedHeaders.forEach(http::putHeader);
        HttpExecuteRequest.Builder changed = HttpExecuteRequest.builder().request(http.build());
        request.metricCollector().ifPresent(changed::metricCollector);
        long offset = flipAt;
        request.contentStreamProvider().ifPresent(body -> changed.contentStreamProvider(offset < 0 ? body
                : (ContentStreamProvider) () -> new FlippingStream(body.newStream(), offset)));
        return delegate.prepareRequest(changed.build());
    }

    @Override
    public String clientName() {
        return "after-signing-" + delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static final class FlippingStream extends FilterInputStream {

        private final long flipAt;
        private long position;

        FlippingStream(InputStream in, long flipAt) {
            super(in);
            this.flipAt = flipAt;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && position++ == flipAt) {
                b ^= 0x01;
            }
            return b;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            int n = super.read(target, offset, length);
            if (n > 0 && flipAt >= position && flipAt < position + n) {
                target[offset + (int) (flipAt - position)] ^= 0x01;
            }
            position += Math.max(n, 0);
            return n;
        }
    }
}
