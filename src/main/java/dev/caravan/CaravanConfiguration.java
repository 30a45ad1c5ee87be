package dev.caravan;

import dev.caravan.auth.ApiKeys;
import dev.caravan.dispatch.Capabilities;
import dev.caravan.dispatch.DirectCall;
import dev.caravan.dispatch.ProviderResolver;
import dev.caravan.jsonl.BatchInputValidator;
import dev.caravan.model.CaravanIds;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;

/** The beans the YAML routes name. */
public class CaravanConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        // every context start sets it, to a secret or to none, so no value outlives the context that configured it
        CaravanIds.configure(context.getPropertiesComponent().resolveProperty("caravan.ids.secret").orElse(null));
        bindDirectCalls(context);
    }

    /**
     * The steps every request takes, named {@code <bean>.<method>} and called through method references rather than
     * Camel's reflective bean binding (see {@link DirectCall}): dispatch, and the OpenAI surface's reading of a request
     * and rendering of its answer.
     */
    private static void bindDirectCalls(CamelContext context) {
        Registry registry = context.getRegistry();
        ProviderResolver resolver = new ProviderResolver();
        DirectCall.bind(registry, "providerResolver.resolve", resolver::resolve);
        DirectCall.bind(registry, "providerResolver.route", ProviderResolver::route);
        Capabilities capabilities = new Capabilities(context.getPropertiesComponent()
                .resolveProperty("caravan.anthropic.s3-files").map(Boolean::parseBoolean).orElse(false));
        registry.bind("capabilities", capabilities);
        DirectCall.bindAction(registry, "capabilities.check", capabilities::check);

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
    }

    @BindToRegistry
    public OpenAiUploads openAiUploads(
            @PropertyInject(value = "caravan.openai.stream-uploads", defaultValue = "true") boolean streaming,
            @PropertyInject("camel.server.max-body-size") long maxBodyBytes,
            @PropertyInject("caravan.openai.body-idle-timeout") long bodyIdleTimeoutMillis,
            @PropertyInject("camel.server.file-upload-directory") String spoolDirectory,
            @BeanInject("batchInputValidator") BatchInputValidator validator) {
        // the line checks of a streaming batch file run beside it; daemon threads, idle ones end after a minute
        ExecutorService workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "caravan-upload-check");
            thread.setDaemon(true);
            return thread;
        });
        return new OpenAiUploads(new UploadSettings(streaming, maxBodyBytes, Duration.ofMillis(bodyIdleTimeoutMillis),
                Path.of(spoolDirectory), validator, workers));
    }

    @BindToRegistry
    public OpenAiErrors openAiErrors() {
        return new OpenAiErrors();
    }

    @BindToRegistry
    public S3Requests s3Requests(
            @PropertyInject("caravan.s3.virtual-host-domains") String virtualHostDomains,
            @PropertyInject("caravan.s3.max-object-bytes") long maxObjectBytes,
            @PropertyInject("caravan.s3.body-idle-timeout") long bodyIdleTimeoutMillis,
            @PropertyInject(value = "caravan.auth.keys", defaultValue = "") String authKeys) {
        List<String> domains = Arrays.stream(virtualHostDomains.split(",")).map(String::trim)
                .filter(domain -> !domain.isEmpty()).toList();
        // SigV4 with Caravan's API keys (dev.caravan.auth); off when caravan.auth.keys is empty
        return new S3Requests(new S3Addressing(domains),
                new S3RequestBodies(maxObjectBytes, Duration.ofMillis(bodyIdleTimeoutMillis)),
                new S3Authentication(ApiKeys.parse(authKeys), Clock.systemUTC()));
    }

    @BindToRegistry
    public S3Responses s3Responses() {
        return new S3Responses();
    }

    @BindToRegistry
    public S3Errors s3Errors() {
        return new S3Errors();
    }

    @BindToRegistry
    public BedrockJobRequests bedrockJobRequests(
            @PropertyInject(value = "caravan.auth.keys", defaultValue = "") String authKeys) {
        // SigV4 (service bedrock) or a Bedrock API key, with Caravan's API keys; off when caravan.auth.keys is empty
        return new BedrockJobRequests(new BedrockAuthentication(ApiKeys.parse(authKeys), Clock.systemUTC()));
    }

    @BindToRegistry
    public BedrockJobResponses bedrockJobResponses() {
        return new BedrockJobResponses();
    }

    @BindToRegistry
    public BedrockErrors bedrockErrors() {
        return new BedrockErrors();
    }

    @BindToRegistry
    public BatchInputValidator batchInputValidator(
            @PropertyInject("caravan.batch.max-bytes") long maxBytes,
            @PropertyInject("caravan.batch.max-requests") int maxRequests) {
        return new BatchInputValidator(maxBytes, maxRequests);
    }
}
