package dev.caravan.surface.openai.upload;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.StreamedUpload;
import dev.caravan.model.command.UploadFile;
import dev.caravan.surface.s3.body.RequestBodyStream;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * files.create on the OpenAI surface, read from the raw request (the HTTP layer does not buffer it): the form is read
 * up to its file part, which then either streams to OpenAI as it arrives or is spooled whole for any provider.
 */
public class OpenAiUploads {

    /** The OpenAI surface's answers to a body that does not arrive whole (as RequestGuards answers them). */
    static final RequestBodyStream.Failures FAILURES = new RequestBodyStream.Failures() {
        @Override
        public RuntimeException incomplete(IOException cause) {
            return GatewayError.invalid(null, "The request body did not arrive whole (" + cause.getMessage() + ").");
        }

        @Override
        public RuntimeException stalled() {
            return new GatewayError(ErrorKind.INVALID_REQUEST, 408,
                    "The request body stopped arriving before it was complete.", null, null, null);
        }
    };

    private final UploadSettings settings;

    public OpenAiUploads(UploadSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts reading the request: its form up to the file part. The upload stays on the exchange (for the error
     * answer, which reads the rest of the body first) and its spool file is removed when the exchange is done.
     */
    public ArrivingUpload receive(Exchange exchange) {
        HttpServerRequest request = exchange.getMessage().getBody(HttpServerRequest.class);
        String declared = request.getHeader("Content-Length");
        if (declared != null && declaredLength(declared) > settings.maxBodyBytes()) {
            throw BodyLimit.tooLarge(settings.maxBodyBytes());
        }
        InputStream body = new BodyLimit(new RequestBodyStream(request, settings.idleTimeout(),
                RequestBodyStream.DEFAULT_MAX_BUFFERED_BYTES, FAILURES), settings.maxBodyBytes());
        String contentType = request.getHeader("Content-Type");
        if (!isMultipart(contentType)) {
            // not a form with a file part, so the answer is the missing file, once the body has been read
            try (body) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw GatewayError.invalid("file", "Missing required parameter: 'file' (a multipart file part with a "
                    + "filename).");
        }
        ArrivingUpload upload = ArrivingUpload.open(request, body, MultipartReader.boundaryOf(contentType), settings);
        exchange.setProperty(ArrivingUpload.PROPERTY, upload);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                upload.close();
            }
        });
        upload.readUpToFile();
        return upload;
    }

    public StreamedUpload streamed(Exchange exchange) {
        return upload(exchange).streamed();
    }

    public UploadFile spooled(Exchange exchange) {
        return upload(exchange).spooled();
    }

    private static ArrivingUpload upload(Exchange exchange) {
        return exchange.getProperty(ArrivingUpload.PROPERTY, ArrivingUpload.class);
    }

    private static boolean isMultipart(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static long declaredLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
