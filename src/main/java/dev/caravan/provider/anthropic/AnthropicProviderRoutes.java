package dev.caravan.provider.anthropic;

import static dev.caravan.dispatch.Steps.toBody;
import static dev.caravan.dispatch.Steps.withBody;

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
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The {@code anthropic} provider: Anthropic Message Batches behind the OpenAI Files and Batch API. Batches are
 * Anthropic's, called through camel-http; their output and error files are their results, converted as they stream;
 * batch input files live in Caravan's own store ({@link AnthropicFiles}) and are sent as inline requests when a batch
 * is created from one.
 *
 * <p>Upstream calls share the OpenAI provider's machinery: one circuit breaker for the provider
 * ({@link GuardedCall}), and {@link RetryingCall} for calls that may be repeated. A create is never retried: Anthropic
 * offers no idempotency key, and a create whose answer was lost may have made a batch, which a second attempt would
 * double. Reads may repeat, and so may cancel (it makes nothing, and a repeat leaves the batch as canceling as the
 * first did).
 */
public class AnthropicProviderRoutes extends RouteBuilder {

    static final String PROVIDER = "anthropic";
    /** The breaker's registry name: the circuitBreaker EIP uses this instance, and so can tests and tools. */
    public static final String CIRCUIT_BREAKER = "anthropicCircuitBreaker";

    static final String UPSTREAM = "{{caravan.anthropic.base-url}}?throwExceptionOnFailure=false"
            + "&disableStreamCache=true"
            + "&connectTimeout={{caravan.anthropic.connect-timeout}}"
            + "&soTimeout={{caravan.anthropic.read-timeout}}"
            + "&responseTimeout={{caravan.anthropic.read-timeout}}";

    private static final String CALL = "direct:anthropic-upstream";
    private static final String RESULTS = "direct:anthropic-results";

    @Override
    public void configure() {
        PropertiesComponent properties = getContext().getPropertiesComponent();
        AnthropicSettings settings = AnthropicSettings.from(properties);
        RetrySettings retry = RetrySettings.from(properties, "caravan.anthropic");
        BreakerSettings breakerSettings = BreakerSettings.from(properties, "caravan.anthropic");
        CircuitBreaker breaker = CircuitBreaker.of(PROVIDER, breakerSettings.toConfig());
        getContext().getRegistry().bind(CIRCUIT_BREAKER, breaker);
        // the store starts on the first call that needs it, after the sandbox (if any) has set its properties
        Supplier<CaravanStore> store = () -> CaravanStore.shared(getContext());

        AnthropicUpstreamRequests requests = new AnthropicUpstreamRequests(settings);
        AnthropicUpstreamResponses responses = new AnthropicUpstreamResponses();
        BatchSubmissions submissions = new BatchSubmissions(settings, store);
        AnthropicFiles files = new AnthropicFiles(store, Clock.systemUTC());
        ResultsFiles results = new ResultsFiles();
        RetryingCall retrying = new RetryingCall(getContext().createProducerTemplate(), CALL,
                new UpstreamRetryPolicy(PROVIDER, retry, new Backoff(retry.initialDelay(), retry.maxDelay(),
                        () -> ThreadLocalRandom.current().nextDouble()), breaker));
        // Failures belong to the calling surface route, which renders them in its client's envelope.
        errorHandler(noErrorHandler());

        // Steps are method references (Steps), not bean binding: its reflection cost a tenth of the CPU (issue 10).
        from("direct:anthropic-batches-create").routeId("anthropic-provider-batches-create")
                .process(toBody(CreateBatch.class, submissions::body))
                .process(toBody(MessageBatchBody.class, requests::createBatch))
                .to(CALL)
                .process(toBody(responses::batch));
        from("direct:anthropic-batches-retrieve").routeId("anthropic-provider-batches-retrieve")
                .process(withBody(BatchRef.class, requests::retrieveBatch))
                .process(retrying)
                .process(toBody(responses::batch));
        from("direct:anthropic-batches-list").routeId("anthropic-provider-batches-list")
                .process(withBody(ListBatches.class, requests::listBatches))
                .process(retrying)
                .process(toBody(responses::batchPage));
        from("direct:anthropic-batches-cancel").routeId("anthropic-provider-batches-cancel")
                .process(withBody(BatchRef.class, requests::cancelBatch))
                .process(retrying)
                .process(toBody(responses::batch));

        from("direct:anthropic-files-upload").routeId("anthropic-provider-files-upload")
                .process(toBody(UploadFile.class, files::upload));
        from("direct:anthropic-files-list").routeId("anthropic-provider-files-list")
                .process(toBody(ListFiles.class, files::list));
        from("direct:anthropic-files-retrieve").routeId("anthropic-provider-files-retrieve")
                .choice()
                    .when(resultsFile())
                        .to(RESULTS)
                        .process(toBody(ResultsDownload.class, results::describe))
                    .otherwise()
                        .process(toBody(FileRef.class, files::retrieve))
                .end();
        from("direct:anthropic-files-content").routeId("anthropic-provider-files-content")
                .choice()
                    .when(resultsFile())
                        .to(RESULTS)
                        .process(toBody(ResultsDownload.class, results::content))
                    .otherwise()
                        .process(toBody(FileRef.class, files::content))
                .end();
        from("direct:anthropic-files-delete").routeId("anthropic-provider-files-delete")
                .process(toBody(FileRef.class, files::delete));

        // A results file is its batch's results: the batch says where they are, and they are read from there.
        from(RESULTS).routeId("anthropic-provider-results")
                .process(withBody(FileRef.class, requests::batchOfResults))
                .process(retrying)
                .process(toBody(responses::resultsLocation))
                .process(withBody(ResultsLocation.class, requests::results))
                .process(retrying)
                .process(toBody(responses::results));

        new GuardedCall(CALL, "anthropic-upstream", UPSTREAM, CIRCUIT_BREAKER).addTo(this,
                new UpstreamAnswerCheck(Clock.systemUTC(), AnthropicUpstreamErrors::read),
                new CircuitOpenRefusal(PROVIDER, breakerSettings.waitInOpen()));
    }

    /** Whether the file a command names is a batch's results rather than a stored input file. */
    private static Predicate resultsFile() {
        return exchange -> AnthropicFileId.parse(exchange.getMessage().getBody(FileRef.class).fileId())
                instanceof AnthropicFileId.Results;
    }
}
