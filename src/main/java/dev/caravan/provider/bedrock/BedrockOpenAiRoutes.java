package dev.caravan.provider.bedrock;

import static dev.caravan.dispatch.Steps.toBody;

import dev.caravan.model.Operation;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.CreateBatch;
import dev.caravan.model.command.CreateJob;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.ListBatches;
import dev.caravan.model.command.ListFiles;
import dev.caravan.model.command.ListJobs;
import dev.caravan.model.command.UploadFile;
import dev.caravan.model.job.InvocationJob;
import dev.caravan.model.job.JobCreated;
import dev.caravan.model.job.JobPage;
import java.time.Clock;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Predicate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

/**
 * The {@code bedrock} provider behind the OpenAI Files and Batch API: files are objects in S3
 * ({@link BedrockFiles}, results files {@link BedrockResultsFiles}), batches are Bedrock model invocation jobs
 * ({@link BedrockBatches}). Jobs are created, read, listed and stopped through the provider's own job routes
 * ({@code direct:bedrock-jobs-*}, {@link BedrockJobRoutes}), so a batch gets the same input gate, default role,
 * retries and circuit breaker as a job created on the Bedrock surface.
 */
public class BedrockOpenAiRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // settings are read here, after the sandbox (if any) has pointed them at its embedded store and emulator
        S3ObjectStore store = S3ObjectStore.shared(getContext());
        BedrockFiles files = new BedrockFiles(store, BedrockFileSettings.from(getContext().getPropertiesComponent()),
                Clock.systemUTC());
        BedrockResultsFiles results = new BedrockResultsFiles(store, files);
        BedrockBatches batches = new BedrockBatches(new JobRoutes(getContext().createProducerTemplate()), store,
                Clock.systemUTC());
        // Failures belong to the calling surface route, which renders them in its client's envelope.
        errorHandler(noErrorHandler());

        from("direct:bedrock-files-upload").routeId("bedrock-provider-files-upload")
                .process(toBody(UploadFile.class, files::upload));
        from("direct:bedrock-files-list").routeId("bedrock-provider-files-list")
                .process(toBody(ListFiles.class, files::list));
        from("direct:bedrock-files-retrieve").routeId("bedrock-provider-files-retrieve")
                .choice()
                    .when(resultsFile())
                        .process(toBody(FileRef.class, results::describe))
                    .otherwise()
                        .process(toBody(FileRef.class, files::retrieve))
                .end();
        from("direct:bedrock-files-content").routeId("bedrock-provider-files-content")
                .choice()
                    .when(resultsFile())
                        .process(toBody(FileRef.class, results::content))
                    .otherwise()
                        .process(toBody(FileRef.class, files::content))
                .end();
        from("direct:bedrock-files-delete").routeId("bedrock-provider-files-delete")
                .process(toBody(FileRef.class, files::delete));

        from("direct:bedrock-batches-create").routeId("bedrock-provider-batches-create")
                .process(toBody(CreateBatch.class, batches::create));
        from("direct:bedrock-batches-retrieve").routeId("bedrock-provider-batches-retrieve")
                .process(toBody(BatchRef.class, batches::retrieve));
        from("direct:bedrock-batches-list").routeId("bedrock-provider-batches-list")
                .process(toBody(ListBatches.class, batches::list));
        from("direct:bedrock-batches-cancel").routeId("bedrock-provider-batches-cancel")
                .process(toBody(BatchRef.class, batches::cancel));
    }

    private static Predicate resultsFile() {
        return exchange -> BedrockResultsFiles.isResults(exchange.getMessage().getBody(FileRef.class));
    }

    /** The job routes, called in-process; their failures (GatewayErrors) reach the caller unwrapped. */
    private record JobRoutes(ProducerTemplate template) implements BedrockBatches.Jobs {

        @Override
        public JobCreated create(CreateJob command) {
            return call("direct:bedrock-jobs-create", command, JobCreated.class);
        }

        @Override
        public InvocationJob get(String jobIdentifier) {
            return call("direct:bedrock-jobs-get", BedrockBatches.ref(Operation.JOBS_GET, jobIdentifier),
                    InvocationJob.class);
        }

        @Override
        public JobPage list(ListJobs command) {
            return call("direct:bedrock-jobs-list", command, JobPage.class);
        }

        @Override
        public void stop(String jobIdentifier) {
            call("direct:bedrock-jobs-stop", BedrockBatches.ref(Operation.JOBS_STOP, jobIdentifier), Object.class);
        }

        private <T> T call(String route, Object body, Class<T> type) {
            try {
                return template.requestBody(route, body, type);
            } catch (CamelExecutionException failed) {
                if (failed.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw failed;
            }
        }
    }
}
