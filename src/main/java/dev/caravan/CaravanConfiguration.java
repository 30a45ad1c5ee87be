package dev.caravan;

import dev.caravan.auth.ApiKeys;
import dev.caravan.dispatch.Capabilities;
import dev.caravan.dispatch.DirectCall;
import dev.caravan.dispatch.ProviderResolver;
import dev.caravan.jsonl.BatchInputValidator;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.command.UploadFile;
import dev.caravan.surface.bedrock.BedrockAuthentication;
import dev.caravan.surface.bedrock.BedrockErrors;
import dev.caravan.surface.bedrock.BedrockJobRequests;
import dev.caravan.surface.bedrock.BedrockJobResponses;
import dev.caravan.surface.openai.OpenAiErrors;
import dev.caravan.surface.openai.OpenAiRequests;
import dev.caravan.surface.openai.OpenAiResponses;
import dev.caravan.surface.openai.upload.OpenAiUploads;
import dev.caravan.surface.openai.upload.UploadSettings;
import dev.caravan.surface.s3.S3Addressing;
import dev.caravan.surface.s3.S3Authentication;
import dev.caravan.surface.s3.S3Errors;
import dev.caravan.surface.s3.S3RequestBodies;
import dev.caravan.surface.s3.S3Requests;
import dev.caravan.surface.s3.S3Responses;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** The beans and steps (DirectCall) the YAML routes name. */
public class CaravanConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        // every context start sets it, to a secret or to none, so no value outlives the context that configured it
        CaravanIds.configure(context.getPropertiesComponent().resolveProperty("caravan.ids.secret").orElse(null));
        bindDirectCalls(context);
    }

    /**
     * The steps every request takes, named {@code <bean>.<method>} and called through method references rather than
     * Camel's reflective bean binding (see {@link DirectCall}): dispatch, and each surface's reading of a request,
     * rendering of its answer and rendering of its errors.
     */
    private static void bindDirectCalls(CamelContext context) {
        Registry registry = context.getRegistry();
        ProviderResolver resolver = new ProviderResolver();
        DirectCall.bind(registry, "providerResolver.resolve", resolver::resolve);
        DirectCall.bind(registry, "providerResolver.route", ProviderResolver::route);
        Capabilities capabilities = new Capabilities(optional(context, "caravan.anthropic.s3-files")
                .map(Boolean::parseBoolean).orElse(false));
        DirectCall.bindAction(registry, "capabilities.check", capabilities::check);

        // the OpenAI surface checks batch files with it, and so does the bridge (by name) for PutObject
        BatchInputValidator validator = new BatchInputValidator(
                Long.parseLong(required(context, "caravan.batch.max-bytes")),
                Integer.parseInt(required(context, "caravan.batch.max-requests")));
        registry.bind("batchInputValidator", validator);
        bindOpenAiSurface(context, capabilities, validator);
        bindS3Surface(context);
        bindBedrockSurface(context);
    }

    private static void bindOpenAiSurface(CamelContext context, Capabilities capabilities,
                                          BatchInputValidator validator) {
        Registry registry = context.getRegistry();
        OpenAiRequests requests = new OpenAiRequests();
        DirectCall.bind(registry, "openAiRequests.listFiles", requests::listFiles);
        DirectCall.bind(registry, "openAiRequests.retrieveFile", requests::retrieveFile);
        DirectCall.bind(registry, "openAiRequests.deleteFile", requests::deleteFile);
        DirectCall.bind(registry, "openAiRequests.fileContent", requests::fileContent);
        DirectCall.bind(registry, "openAiRequests.createBatch", requests::createBatch);
        DirectCall.bind(registry, "openAiRequests.listBatches", requests::listBatches);
        DirectCall.bind(registry, "openAiRequests.retrieveBatch", requests::retrieveBatch);
        DirectCall.bind(registry, "openAiRequests.cancelBatch", requests::cancelBatch);
        DirectCall.bindAction(registry, "openAiResponses.render", new OpenAiResponses()::render);
        DirectCall.bindAction(registry, "openAiErrors.render", new OpenAiErrors()::render);

        OpenAiUploads uploads = openAiUploads(context, validator);
        DirectCall.bind(registry, "openAiUploads.receive", uploads::receive);
        DirectCall.bind(registry, "openAiUploads.streamsToOpenAi", OpenAiUploads::streamsToOpenAi);
        DirectCall.bind(registry, "openAiUploads.streamed", uploads::streamed);
        DirectCall.bind(registry, "openAiUploads.spooled", uploads::spooled);
        DirectCall.bind(registry, "capabilities.surfaceChecksUploadLines",
                exchange -> capabilities.surfaceChecksUploadLines(exchange.getMessage().getBody(UploadFile.class)));
        DirectCall.bindAction(registry, "batchInputValidator.validate",
                exchange -> validator.validate(exchange.getMessage().getBody(UploadFile.class)));
    }

    private static OpenAiUploads openAiUploads(CamelContext context, BatchInputValidator validator) {
        boolean streaming = optional(context, "caravan.openai.stream-uploads").map(Boolean::parseBoolean).orElse(true);
        long maxBodyBytes = Long.parseLong(required(context, "camel.server.max-body-size"));
        long bodyIdleTimeoutMillis = Long.parseLong(required(context, "caravan.openai.body-idle-timeout"));
        String spoolDirectory = required(context, "camel.server.file-upload-directory");
        // the line checks of a streaming batch file run beside it; daemon threads, idle ones end after a minute
        ExecutorService workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "caravan-upload-check");
            thread.setDaemon(true);
            return thread;
        });
        return new OpenAiUploads(new UploadSettings(streaming, maxBodyBytes, Duration.ofMillis(bodyIdleTimeoutMillis),
                Path.of(spoolDirectory), validator, workers));
    }

    private static void bindS3Surface(CamelContext context) {
        Registry registry = context.getRegistry();
        List<String> domains = Arrays.stream(required(context, "caravan.s3.virtual-host-domains").split(","))
                .map(String::trim).filter(domain -> !domain.isEmpty()).toList();
        long maxObjectBytes = Long.parseLong(required(context, "caravan.s3.max-object-bytes"));
        long bodyIdleTimeoutMillis = Long.parseLong(required(context, "caravan.s3.body-idle-timeout"));
        // SigV4 with Caravan's API keys (dev.caravan.auth); off when caravan.auth.keys is empty
        S3Requests requests = new S3Requests(new S3Addressing(domains),
                new S3RequestBodies(maxObjectBytes, Duration.ofMillis(bodyIdleTimeoutMillis)),
                new S3Authentication(ApiKeys.parse(optional(context, "caravan.auth.keys").orElse("")),
                        Clock.systemUTC()));
        DirectCall.bind(registry, "s3Requests.parse", requests::parse);
        DirectCall.bindAction(registry, "s3Responses.render", new S3Responses()::render);
        DirectCall.bindAction(registry, "s3Errors.render", new S3Errors()::render);
    }

    private static void bindBedrockSurface(CamelContext context) {
        Registry registry = context.getRegistry();
        // SigV4 (service bedrock) or a Bedrock API key, with Caravan's API keys; off when caravan.auth.keys is empty
        BedrockJobRequests requests = new BedrockJobRequests(new BedrockAuthentication(
                ApiKeys.parse(optional(context, "caravan.auth.keys").orElse("")), Clock.systemUTC()));
        DirectCall.bind(registry, "bedrockJobRequests.create", requests::create);
        DirectCall.bind(registry, "bedrockJobRequests.get", requests::get);
        DirectCall.bind(registry, "bedrockJobRequests.stop", requests::stop);
        DirectCall.bind(registry, "bedrockJobRequests.list", requests::list);
        DirectCall.bindAction(registry, "bedrockJobResponses.render", new BedrockJobResponses()::render);
        DirectCall.bindAction(registry, "bedrockErrors.render", new BedrockErrors()::render);
    }

    /** A setting without which Caravan does not start (as {@code @PropertyInject} without a default). */
    private static String required(CamelContext context, String name) {
        return context.resolvePropertyPlaceholders("{{" + name + "}}");
    }

    private static Optional<String> optional(CamelContext context, String name) {
        return context.getPropertiesComponent().resolveProperty(name);
    }
}
