package dev.caravan.provider.gemini;

import static dev.caravan.dispatch.Steps.toBody;
import static dev.caravan.dispatch.Steps.withBody;

import dev.caravan.model.FileDeleted;
import dev.caravan.model.FileObject;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.CreateBatch;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.ListBatches;
import dev.caravan.model.command.ListFiles;
import dev.caravan.model.command.UploadFile;
import dev.caravan.provider.BreakerSettings;
import dev.caravan.provider.RetrySettings;
import dev.caravan.provider.openai.Backoff;
import dev.caravan.provider.openai.CircuitOpenRefusal;
import dev.caravan.provider.openai.GuardedCall;
import dev.caravan.provider.openai.RetryingCall;
import dev.caravan.provider.openai.UpstreamAnswerCheck;
import dev.caravan.provider.openai.UpstreamRetryPolicy;
import dev.caravan.store.CaravanStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gemini} provider: Gemini's Files API and Batch API (generativelanguage v1beta) behind the OpenAI Files
 * and Batch API, called through camel-http. Batch input files are converted as they stream to Gemini's
 * {@code {key, request}} lines and uploaded with the resumable protocol ({@link GeminiUploads}), a copy of each kept
 * as uploaded ({@link GeminiFileCopies}); batches are Gemini file batches; their output and error files are the
 * batch's responses file, converted as it streams back.
 *
 * <p>Upstream calls share the OpenAI provider's machinery: one circuit breaker for the provider
 * ({@link GuardedCall}), and {@link RetryingCall} for calls that may be repeated. Creates are never retried: Gemini
 * documents no idempotency key, and a file upload or batch create whose answer was lost may have made a file or a
 * batch that a second attempt would double. Starting an upload session makes nothing that lasts, so it is retried;
 * reads and deletes may repeat, and so may cancel (it makes nothing, and a repeat leaves the batch as cancelled as
 * the first did).
 */
public class GeminiProviderRoutes extends RouteBuilder {

    static final String PROVIDER = "gemini";
    /** The breaker's registry name: the circuitBreaker EIP uses this instance, and so can tests and tools. */
    public static final String CIRCUIT_BREAKER = "geminiCircuitBreaker";

    static final String UPSTREAM = "{{caravan.gemini.base-url}}?throwExceptionOnFailure=false"
            + "&disableStreamCache=true"
            + "&connectTimeout={{caravan.gemini.connect-timeout}}"
            + "&soTimeout={{caravan.gemini.read-timeout}}"
            + "&responseTimeout={{caravan.gemini.read-timeout}}";

    private static final Logger LOG = LoggerFactory.getLogger(GeminiProviderRoutes.class);
    private static final String CALL = "direct:gemini-upstream";
    private static final String RESULTS = "direct:gemini-results";
    private static final String DISCARD = "direct:gemini-discard-upload";

    @Override
    public void configure() {
        PropertiesComponent properties = getContext().getPropertiesComponent();
        GeminiSettings settings = GeminiSettings.from(properties);
        RetrySettings retry = RetrySettings.from(properties, "caravan.gemini");
        BreakerSettings breakerSettings = BreakerSettings.from(properties, "caravan.gemini");
        CircuitBreaker breaker = CircuitBreaker.of(PROVIDER, breakerSettings.toConfig());
        getContext().getRegistry().bind(CIRCUIT_BREAKER, breaker);
        // the store starts on the first call that needs it, after the sandbox (if any) has set its properties
        Supplier<CaravanStore> store = () -> CaravanStore.shared(getContext());
        ProducerTemplate template = getContext().createProducerTemplate();

        GeminiUploads uploads = new GeminiUploads(settings);
        GeminiUpstreamRequests requests = new GeminiUpstreamRequests(settings, uploads);
        GeminiUpstreamResponses responses = new GeminiUpstreamResponses(Clock.systemUTC());
        GeminiFileCopies copies = new GeminiFileCopies(settings.keepCopies(), store, discard(template));
        GeminiBatchSubmissions submissions = new GeminiBatchSubmissions(copies, Clock.systemUTC());
        GeminiListings listings = new GeminiListings();
        GeminiResultsFiles results = new GeminiResultsFiles();
        RetryingCall retrying = new RetryingCall(template, CALL,
                new UpstreamRetryPolicy(PROVIDER, retry, new Backoff(retry.initialDelay(), retry.maxDelay(),
                        () -> ThreadLocalRandom.current().nextDouble()), breaker));
        // Failures belong to the calling surface route, which renders them in its client's envelope.
        errorHandler(noErrorHandler());
        // Steps are method references (Steps), not bean binding: its reflection cost a tenth of the CPU (issue 10).

        from("direct:gemini-files-upload").routeId("gemini-provider-files-upload")
                .process(toBody(UploadFile.class, uploads::plan))
                .process(toBody(UploadPlan.class, requests::startUpload))
                .process(retrying)
                .process(toBody(responses::uploadUrl))
                .process(toBody(URI.class, requests::sendBytes))
                .to(CALL)
                .process(toBody(responses::uploadedFile))
                .process(toBody(FileObject.class, copies::keep));
        from("direct:gemini-files-list").routeId("gemini-provider-files-list")
                .process(withBody(ListFiles.class, listings::files))
                .loopDoWhile(morePages())
                    .process(requests::listFilesPage)
                    .process(retrying)
                    .process(responses::scanPage)
                .end()
                .process(toBody(listings::filePage));
        from("direct:gemini-files-retrieve").routeId("gemini-provider-files-retrieve")
                .choice()
                    .when(resultsFile())
                        .to(RESULTS)
                        .process(toBody(ResultsDownload.class, results::describe))
                    .otherwise()
                        .process(withBody(FileRef.class, requests::retrieveFile))
                        .process(retrying)
                        .process(toBody(responses::file))
                .end();
        from("direct:gemini-files-content").routeId("gemini-provider-files-content")
                .choice()
                    .when(resultsFile())
                        .to(RESULTS)
                        .process(toBody(ResultsDownload.class, results::content))
                    .otherwise()
                        // Gemini first: a file it no longer has is a 404, whatever copy may linger
                        .process(withBody(FileRef.class, requests::retrieveFile))
                        .process(retrying)
                        .process(responses::fileExists)
                        .process(toBody(copies::contentOf))
                .end();
        from("direct:gemini-files-delete").routeId("gemini-provider-files-delete")
                .process(withBody(FileRef.class, requests::deleteFile))
                .process(retrying)
                .process(toBody(responses::fileDeleted))
                .process(toBody(FileDeleted.class, copies::afterDelete));

        from("direct:gemini-batches-create").routeId("gemini-provider-batches-create")
                .process(toBody(CreateBatch.class, submissions::check))
                .process(withBody(BatchPlan.class, requests::retrieveInputFile))
                .process(retrying)
                .process(responses::inputFile)
                .process(toBody(submissions::model))
                .process(toBody(BatchPlan.class, requests::createBatch))
                .to(CALL)
                .process(toBody(responses::batch));
        from("direct:gemini-batches-retrieve").routeId("gemini-provider-batches-retrieve")
                .process(withBody(BatchRef.class, requests::retrieveBatch))
                .process(retrying)
                .process(toBody(responses::batch));
        from("direct:gemini-batches-list").routeId("gemini-provider-batches-list")
                .process(withBody(ListBatches.class, listings::batches))
                .loopDoWhile(morePages())
                    .process(requests::listBatchesPage)
                    .process(retrying)
                    .process(responses::scanPage)
                .end()
                .process(toBody(listings::batchPage));
        from("direct:gemini-batches-cancel").routeId("gemini-provider-batches-cancel")
                .process(withBody(BatchRef.class, requests::cancelBatch))
                .process(retrying)
                .process(responses::cancelAccepted)
                .process(requests::batchAgain)
                .process(retrying)
                .process(toBody(responses::cancelledBatch));

        // A results file is its batch's responses: the batch says where they are, and they are read from there.
        from(RESULTS).routeId("gemini-provider-results")
                .process(withBody(FileRef.class, requests::batchOfResults))
                .process(retrying)
                .process(toBody(responses::resultsLocation))
                .process(withBody(ResultsLocation.class, requests::download))
                .process(retrying)
                .process(toBody(responses::results));

        // Undoes an upload whose copy could not be kept; its own failure is logged, the copy's is what the caller hears.
        from(DISCARD).routeId("gemini-provider-discard-upload")
                .process(withBody(String.class, requests::discardFile))
                .process(retrying)
                .process(responses::fileExists);

        new GuardedCall(CALL, "gemini-upstream", UPSTREAM, CIRCUIT_BREAKER).addTo(this,
                new UpstreamAnswerCheck(Clock.systemUTC(), GeminiUpstreamErrors::read),
                new CircuitOpenRefusal(PROVIDER, breakerSettings.waitInOpen()));
    }

    private static Consumer<String> discard(ProducerTemplate template) {
        return name -> {
            Exchange done = template.send(DISCARD, exchange -> exchange.getMessage().setBody(name));
            if (done.getException() != null) {
                LOG.warn("gemini: {} stays at Gemini; deleting it after its copy failed did not work ({})", name,
                        done.getException().getMessage());
            }
        };
    }

    private static Predicate morePages() {
        return exchange -> exchange.getProperty(GeminiListings.SCAN, ListScan.class).wantsMore();
    }

    /** Whether the file a command names is a batch's results rather than a Gemini file. */
    private static Predicate resultsFile() {
        return exchange -> GeminiFileId.parse(exchange.getMessage().getBody(FileRef.class).fileId())
                instanceof GeminiFileId.Results;
    }
}
