package dev.caravan.bridge;

import static dev.caravan.dispatch.Steps.propertyAs;
import static dev.caravan.dispatch.Steps.provider;
import static dev.caravan.dispatch.Steps.toBody;
import static dev.caravan.dispatch.Steps.withBody;

import dev.caravan.jsonl.BatchInputValidator;
import dev.caravan.model.Batch;
import dev.caravan.model.BatchPage;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.FileContent;
import dev.caravan.model.FileObject;
import dev.caravan.model.FilePage;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.CreateJob;
import dev.caravan.model.command.DeleteObject;
import dev.caravan.model.command.GetObject;
import dev.caravan.model.command.JobRef;
import dev.caravan.model.command.ListJobs;
import dev.caravan.model.command.ListObjects;
import dev.caravan.model.command.ObjectCommand;
import dev.caravan.model.command.PutObject;
import dev.caravan.model.command.UploadFile;
import dev.caravan.model.object.ObjectData;
import java.util.EnumSet;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The S3 files API and the Bedrock batch API for providers with files and batches: for each of them, the
 * {@code direct:<provider>-object-*} and {@code direct:<provider>-jobs-*} routes dispatch calls, each a translation
 * to the provider's own files or batches route and back. Multipart uploads are not among them (the capability table
 * answers NotImplemented): a batch file is one PutObject.
 */
public class BridgeRoutes extends RouteBuilder {

    /** The providers whose files and batches the S3 files API and the Bedrock batch API reach through this bridge. */
    private static final Set<Provider> BRIDGED = EnumSet.of(Provider.OPENAI, Provider.ANTHROPIC, Provider.GEMINI);

    @Override
    public void configure() {
        PropertiesComponent properties = getContext().getPropertiesComponent();
        JobArns arns = new JobArns(properties.resolveProperty("caravan.bedrock.region").orElse("us-east-1"),
                properties.resolveProperty("caravan.bridge.account-id").orElse("000000000000"));
        FilesAsObjects objects = new FilesAsObjects();
        JobsAsBatches jobs = new JobsAsBatches(arns);
        ResultObjects results = new ResultObjects();
        // the OpenAI surface's batch file checks, the same bean with the same limits
        BatchInputValidator validator = getContext().getRegistry().lookupByNameAndType("batchInputValidator",
                BatchInputValidator.class);
        errorHandler(noErrorHandler());

        // Steps are method references (Steps), not bean binding: its reflection cost a tenth of the CPU (issue 10).
        // A step's parameters are what bean binding passed: the body, the request's command kept in a property, and
        // the provider dispatch resolved.
        Predicate resultsObject = exchange -> results.named(objectCommand(exchange, GetObject.class),
                provider(exchange));
        for (Provider provider : BRIDGED) {
            String name = provider.wireName();
            String files = "direct:" + name + "-files-";
            String batches = "direct:" + name + "-batches-";

            from("direct:" + name + "-object-put").routeId(name + "-bridge-object-put")
                    .setProperty(FilesAsObjects.COMMAND, body())
                    .process(toBody(PutObject.class, (put, exchange) -> objects.upload(put, provider(exchange),
                            exchange)))
                    .process(withBody(UploadFile.class, (upload, exchange) -> validator.validate(upload)))
                    .to(files + "upload")
                    .process(toBody(FileObject.class, (file, exchange) -> objects.written(file,
                            objectCommand(exchange, PutObject.class))));
            from("direct:" + name + "-object-head").routeId(name + "-bridge-object-head")
                    .setProperty(FilesAsObjects.COMMAND, body())
                    .to("direct:" + name + "-bridge-object-metadata");
            from("direct:" + name + "-object-get").routeId(name + "-bridge-object-get")
                    .setProperty(FilesAsObjects.COMMAND, body())
                    .to("direct:" + name + "-bridge-object-metadata")
                    .setProperty(FilesAsObjects.FILE, body())
                    .choice()
                        .when(resultsObject)
                            .to("direct:" + name + "-bridge-results")
                        .otherwise()
                            .process(toBody(exchange -> objects.content(objectCommand(exchange, ObjectCommand.class),
                                    provider(exchange))))
                            .to(files + "content")
                            .process(toBody(FileContent.class, (content, exchange) -> objects.data(content,
                                    propertyAs(exchange, FilesAsObjects.FILE, ObjectData.class))))
                    .end();
            // a job's results are the object its outputDataConfig names; anything else is a file
            from("direct:" + name + "-bridge-object-metadata").routeId(name + "-bridge-object-metadata")
                    .choice()
                        .when(resultsObject)
                            .process(toBody(exchange -> resultsBatch(results, exchange)))
                            .to(batches + "retrieve")
                            .process(toBody(Batch.class, (batch, exchange) -> results.head(batch,
                                    objectCommand(exchange, GetObject.class))))
                        .otherwise()
                            .process(toBody(ObjectCommand.class, (command, exchange) -> objects.retrieve(command,
                                    provider(exchange))))
                            .to(files + "retrieve")
                            .process(toBody(FileObject.class, (file, exchange) -> objects.head(file,
                                    objectCommand(exchange, GetObject.class))))
                    .end();
            // the output file's results, then the error file's; their downloads stay open until the caller has read
            // them, because they are made on the caller's own exchange
            from("direct:" + name + "-bridge-results").routeId(name + "-bridge-results")
                    .process(toBody(exchange -> resultsBatch(results, exchange)))
                    .to(batches + "retrieve")
                    .setProperty(ResultObjects.BATCH, body())
                    .process(toBody(exchange -> results.outputFile(keptBatch(exchange))))
                    .filter(body().isNotNull())
                        .to(files + "content")
                        .setProperty(ResultObjects.OUTPUT, body())
                    .end()
                    .process(toBody(exchange -> results.errorFile(keptBatch(exchange))))
                    .filter(body().isNotNull())
                        .to(files + "content")
                        .setProperty(ResultObjects.ERRORS, body())
                    .end()
                    .process(toBody(exchange -> results.data(keptBatch(exchange),
                            propertyAs(exchange, FilesAsObjects.FILE, ObjectData.class),
                            propertyAs(exchange, ResultObjects.OUTPUT, FileContent.class),
                            propertyAs(exchange, ResultObjects.ERRORS, FileContent.class))));
            from("direct:" + name + "-object-delete").routeId(name + "-bridge-object-delete")
                    .setProperty(FilesAsObjects.COMMAND, body())
                    .process(toBody(ObjectCommand.class, (command, exchange) -> objects.delete(command,
                            provider(exchange))))
                    .doTry()
                        .to(files + "delete")
                    .doCatch(GatewayError.class).onWhen(missingWithoutCondition())
                        // S3 answers an unconditional delete of a missing key with 204, as if it had deleted it
                    .end()
                    .process(toBody(exchange -> objects.deleted(objectCommand(exchange, ObjectCommand.class))));
            from("direct:" + name + "-objects-list").routeId(name + "-bridge-objects-list")
                    .setProperty(FilesAsObjects.COMMAND, body())
                    .process(toBody(ListObjects.class, (list, exchange) -> objects.list(list, provider(exchange))))
                    .to(files + "list")
                    .process(toBody(FilePage.class, (page, exchange) -> objects.listing(page,
                            objectCommand(exchange, ListObjects.class))));

            from("direct:" + name + "-jobs-create").routeId(name + "-bridge-jobs-create")
                    .process(toBody(CreateJob.class, (create, exchange) -> jobs.createBatch(create,
                            provider(exchange))))
                    .to(batches + "create")
                    .process(toBody(Batch.class, (batch, exchange) -> jobs.created(batch, provider(exchange))));
            from("direct:" + name + "-jobs-get").routeId(name + "-bridge-jobs-get")
                    .process(toBody(JobRef.class, (job, exchange) -> jobs.batchRef(job, provider(exchange))))
                    .to(batches + "retrieve")
                    .process(toBody(Batch.class, (batch, exchange) -> jobs.job(batch, provider(exchange))));
            from("direct:" + name + "-jobs-stop").routeId(name + "-bridge-jobs-stop")
                    .setProperty(JobsAsBatches.COMMAND, body())
                    .process(toBody(JobRef.class, (job, exchange) -> jobs.batchRef(job, provider(exchange))))
                    .to(batches + "cancel")
                    .process(toBody(exchange -> jobs.stopped(jobCommand(exchange, JobRef.class))));
            from("direct:" + name + "-jobs-list").routeId(name + "-bridge-jobs-list")
                    .setProperty(JobsAsBatches.COMMAND, body())
                    .process(toBody(ListJobs.class, (list, exchange) -> jobs.listBatches(list, provider(exchange))))
                    .to(batches + "list")
                    .process(toBody(BatchPage.class, (page, exchange) -> jobs.page(page,
                            jobCommand(exchange, ListJobs.class), provider(exchange))));
        }
    }

    /** The S3 request an object route serves, kept before its first translation. */
    private static <T> T objectCommand(Exchange exchange, Class<T> type) {
        return propertyAs(exchange, FilesAsObjects.COMMAND, type);
    }

    /** The Bedrock request a job route serves, kept before its first translation. */
    private static <T> T jobCommand(Exchange exchange, Class<T> type) {
        return propertyAs(exchange, JobsAsBatches.COMMAND, type);
    }

    /** The batch whose results a GetObject or HeadObject names. */
    private static BatchRef resultsBatch(ResultObjects results, Exchange exchange) {
        return results.batch(objectCommand(exchange, GetObject.class), provider(exchange));
    }

    /** The batch the results route read, kept while its files are fetched. */
    private static Batch keptBatch(Exchange exchange) {
        return propertyAs(exchange, ResultObjects.BATCH, Batch.class);
    }

    private static Predicate missingWithoutCondition() {
        return exchange -> {
            GatewayError error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, GatewayError.class);
            DeleteObject delete = exchange.getProperty(FilesAsObjects.COMMAND, DeleteObject.class);
            return error != null && error.kind() == ErrorKind.NOT_FOUND && delete.preconditions().ifMatch() == null;
        };
    }
}
