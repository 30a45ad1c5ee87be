package dev.caravan.bridge;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Provider;
import dev.caravan.model.command.DeleteObject;
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
        errorHandler(noErrorHandler());

        for (Provider provider : BRIDGED) {
            String name = provider.wireName();
            String files = "direct:" + name + "-files-";
            String batches = "direct:" + name + "-batches-";

            from("direct:" + name + "-object-put").routeId(name + "-bridge-object-put")
                    .setProperty(FilesAsObjects.COMMAND, body())
                    .bean(objects, "upload")
                    .bean("batchInputValidator", "validate")
                    .to(files + "upload")
                    .bean(objects, "written");
            from("direct:" + name + "-object-head").routeId(name + "-bridge-object-head")
                    .setProperty(FilesAsObjects.COMMAND, body())
                    .to("direct:" + name + "-bridge-object-metadata");
            from("direct:" + name + "-object-get").routeId(name + "-bridge-object-get")
                    .setProperty(FilesAsObjects.COMMAND, body())
                    .to("direct:" + name + "-bridge-object-metadata")
                    .setProperty(FilesAsObjects.FILE, body())
                    .choice()
                        .when(method(results, "named"))
                            .to("direct:" + name + "-bridge-results")
                        .otherwise()
                            .bean(objects, "content")
                            .to(files + "content")
                            .bean(objects, "data")
                    .end();
            // a job's results are the object its outputDataConfig names; anything else is a file
            from("direct:" + name + "-bridge-object-metadata").routeId(name + "-bridge-object-metadata")
                    .choice()
                        .when(method(results, "named"))
                            .bean(results, "batch")
                            .to(batches + "retrieve")
                            .bean(results, "head")
                        .otherwise()
                            .bean(objects, "retrieve")
                            .to(files + "retrieve")
                            .bean(objects, "head")
                    .end();
            // the output file's results, then the error file's; their downloads stay open until the caller has read
            // them, because they are made on the caller's own exchange
            from("direct:" + name + "-bridge-results").routeId(name + "-bridge-results")
                    .bean(results, "batch")
                    .to(batches + "retrieve")
                    .setProperty(ResultObjects.BATCH, body())
                    .setBody(method(results, "outputFile"))
                    .filter(body().isNotNull())
                        .to(files + "content")
                        .setProperty(ResultObjects.OUTPUT, body())
                    .end()
                    .setBody(method(results, "errorFile"))
                    .filter(body().isNotNull())
                        .to(files + "content")
                        .setProperty(ResultObjects.ERRORS, body())
                    .end()
                    .bean(results, "data");
            from("direct:" + name + "-object-delete").routeId(name + "-bridge-object-delete")
                    .setProperty(FilesAsObjects.COMMAND, body())
                    .bean(objects, "delete")
                    .doTry()
                        .to(files + "delete")
                    .doCatch(GatewayError.class).onWhen(missingWithoutCondition())
                        // S3 answers an unconditional delete of a missing key with 204, as if it had deleted it
                    .end()
                    .bean(objects, "deleted");
            from("direct:" + name + "-objects-list").routeId(name + "-bridge-objects-list")
                    .setProperty(FilesAsObjects.COMMAND, body())
                    .bean(objects, "list")
                    .to(files + "list")
                    .bean(objects, "listing");

            from("direct:" + name + "-jobs-create").routeId(name + "-bridge-jobs-create")
                    .bean(jobs, "createBatch")
                    .to(batches + "create")
                    .bean(jobs, "created");
            from("direct:" + name + "-jobs-get").routeId(name + "-bridge-jobs-get")
                    .bean(jobs, "batchRef")
                    .to(batches + "retrieve")
                    .bean(jobs, "job");
            from("direct:" + name + "-jobs-stop").routeId(name + "-bridge-jobs-stop")
                    .setProperty(JobsAsBatches.COMMAND, body())
                    .bean(jobs, "batchRef")
                    .to(batches + "cancel")
                    .bean(jobs, "stopped");
            from("direct:" + name + "-jobs-list").routeId(name + "-bridge-jobs-list")
                    .setProperty(JobsAsBatches.COMMAND, body())
                    .bean(jobs, "listBatches")
                    .to(batches + "list")
                    .bean(jobs, "page");
        }
    }

    private static Predicate missingWithoutCondition() {
        return exchange -> {
            GatewayError error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, GatewayError.class);
            DeleteObject delete = exchange.getProperty(FilesAsObjects.COMMAND, DeleteObject.class);
            return error != null && error.kind() == ErrorKind.NOT_FOUND && delete.preconditions().ifMatch() == null;
        };
    }
}
