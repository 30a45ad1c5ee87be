package dev.caravan.surface.openai.upload;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body held to the server's limit ({@code camel.server.max-body-size}): a 413 once it reads past it. */
final class BodyLimit extends FilterInputStream {

    private final long maxBytes;
    private long read;

    BodyLimit(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    static GatewayError tooLarge(long maxBytes) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 413, "The request body is larger than the limit of "
                + maxBytes + " bytes.", null, null, null);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        int n = super.read(target, offset, length);
        if (n > 0) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
        return n;
    }
}
