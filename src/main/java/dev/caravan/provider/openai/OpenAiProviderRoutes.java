package dev.caravan.provider.openai;

import dev.caravan.dispatch.DirectCall;
import dev.caravan.dispatch.Steps;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.CreateBatch;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.ListBatches;
import dev.caravan.model.command.ListFiles;
import dev.caravan.model.command.StreamedUpload;
import dev.caravan.model.command.UploadFile;
import dev.caravan.provider.RetrySettings;
import dev.caravan.provider.BreakerSettings;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The {@code openai} provider: each operation is a call to the configured OpenAI base URL through camel-http.
 * Responses are not stream-cached, so file content flows straight from OpenAI to the caller.
 *
 * <p>Every call goes through {@code direct:openai-upstream}, guarded by the provider's one circuit breaker. Calls that
 * may be repeated get there through {@link RetryingCall}, which re-sends exactly the prepared upstream request while
 * {@link UpstreamRetryPolicy} allows; reading the answer happens once, after the last attempt.
 */
public class OpenAiProviderRoutes extends RouteBuilder {

    static final String PROVIDER = "openai";
    /** The breaker's registry name: the circuitBreaker EIP uses this instance, and so can tests and tools. */
    public static final String CIRCUIT_BREAKER = "openAiCircuitBreaker";

    static final String UPSTREAM = "{{caravan.openai.base-url}}?throwExceptionOnFailure=false"
            + "&disableStreamCache=true"
            + "&connectTimeout={{caravan.openai.connect-timeout}}"
            + "&soTimeout={{caravan.openai.read-timeout}}"
            + "&responseTimeout={{caravan.openai.read-timeout}}";

    private static final String CALL = "direct:openai-upstream";

    private final OpenAiUpstreamResponses responses = new OpenAiUpstreamResponses();
    private OpenAiUpstreamRequests requests;

    @Override
    public void configure() {
        PropertiesComponent properties = getContext().getPropertiesComponent();
        requests = new OpenAiUpstreamRequests(properties.resolveProperty("caravan.openai.api-key").orElse(""));
        RetrySettings retry = RetrySettings.from(properties, "caravan.openai");
        BreakerSettings breakerSettings = BreakerSettings.from(properties, "caravan.openai");
        CircuitBreaker breaker = CircuitBreaker.of(PROVIDER, breakerSettings.toConfig());
        getContext().getRegistry().bind(CIRCUIT_BREAKER, breaker);
        // Failures belong to the calling surface route, which renders them in its client's envelope.
        errorHandler(noErrorHandler());

        // Creates are never retried. Whether a create whose answer was lost (a timeout, a reset after the body went
        // out) took effect upstream cannot be known, and a second attempt could leave two files or two batches.
        // Retrying safely needs an idempotency key the upstream honours, and OpenAI documents none for POST /files or
        // POST /batches, so a failed create is the caller's to decide on.
        // an upload arrives spooled (UploadFile) or still arriving (StreamedUpload), sent on as it comes
        from("direct:openai-files-upload").routeId("openai-provider-files-upload")
                .choice()
                    .when(body().isInstanceOf(StreamedUpload.class))
                        .process(Steps.toBody(StreamedUpload.class, requests::streamFile))
                    .otherwise()
                        .process(Steps.toBody(UploadFile.class, requests::uploadFile))
                .end()
                .to(CALL)
                .process(Steps.toBody(responses::file));
        from("direct:openai-batches-create").routeId("openai-provider-batches-create")
                .process(Steps.toBody(CreateBatch.class, requests::createBatch))
                .to(CALL)
                .process(Steps.toBody(responses::batch));
        RetryingCall retrying = new RetryingCall(getContext().createProducerTemplate(), CALL,
                new UpstreamRetryPolicy(PROVIDER, retry, new Backoff(retry.initialDelay(), retry.maxDelay(),
                        () -> ThreadLocalRandom.current().nextDouble()), breaker));
        // Reads and deletes repeat without harm. Cancel is a POST but idempotent by nature: it creates nothing, and a
        // repeat leaves the batch as cancelling as the first did (at worst the repeat is told it is already
        // cancelled), so it is retried like the reads.
        withRetries("files-list", ListFiles.class, requests::listFiles, responses::filePage, retrying);
        withRetries("files-retrieve", FileRef.class, requests::retrieveFile, responses::file, retrying);
        withRetries("files-delete", FileRef.class, requests::deleteFile, responses::fileDeleted, retrying);
        withRetries("files-content", FileRef.class, requests::fileContent, responses::content, retrying);
        withRetries("batches-list", ListBatches.class, requests::listBatches, responses::batchPage, retrying);
        withRetries("batches-retrieve", BatchRef.class, requests::retrieveBatch, responses::batch, retrying);
        withRetries("batches-cancel", BatchRef.class, requests::cancelBatch, responses::batch, retrying);

        new GuardedCall(CALL, "openai-upstream", UPSTREAM, CIRCUIT_BREAKER).addTo(this,
                new UpstreamAnswerCheck(Clock.systemUTC()),
                new CircuitOpenRefusal(PROVIDER, breakerSettings.waitInOpen()));
    }

    /**
     * An operation without a request body: the request is prepared from the command, sent (and repeated while the
     * retry policy allows), and its answer read.
     */
    private <T> void withRetries(String operation, Class<T> command, Steps.WithBody<T> request,
                                 DirectCall.Step response, RetryingCall retrying) {
        from("direct:openai-" + operation).routeId("openai-provider-" + operation)
                .process(Steps.withBody(command, request))
                .process(retrying)
                .process(Steps.toBody(response));
    }
}
