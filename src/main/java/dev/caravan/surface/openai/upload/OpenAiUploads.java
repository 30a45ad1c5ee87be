package dev.caravan.surface.openai.upload;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.StreamedUpload;
import dev.caravan.model.command.UploadFile;
import dev.caravan.surface.s3.body.RequestBodyStream;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
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
        ArrivingUpload upload = new ArrivingUpload(exchange.getMessage().getBody(HttpServerRequest.class), settings);
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

    /** Whether the upload just received (the body) streams to OpenAI as it arrives. */
    public static boolean streamsToOpenAi(Exchange exchange) {
        return exchange.getMessage().getBody(ArrivingUpload.class).streamsToOpenAi();
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
}
