package dev.caravan;

import dev.caravan.dispatch.Capabilities;
import dev.caravan.dispatch.ProviderResolver;
import dev.caravan.jsonl.BatchInputValidator;
import dev.caravan.surface.openai.OpenAiErrors;
import dev.caravan.surface.openai.OpenAiRequests;
import dev.caravan.surface.openai.OpenAiResponses;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The beans the YAML routes name. */
public class CaravanConfiguration implements CamelConfiguration {

    @BindToRegistry
    public ProviderResolver providerResolver() {
        return new ProviderResolver();
    }

    @BindToRegistry
    public Capabilities capabilities() {
        return new Capabilities();
    }

    @BindToRegistry
    public OpenAiRequests openAiRequests() {
        return new OpenAiRequests();
    }

    @BindToRegistry
    public OpenAiResponses openAiResponses() {
        return new OpenAiResponses();
    }

    @BindToRegistry
    public OpenAiErrors openAiErrors() {
        return new OpenAiErrors();
    }

    @BindToRegistry
    public BatchInputValidator batchInputValidator(
            @PropertyInject("caravan.batch.max-bytes") long maxBytes,
            @PropertyInject("caravan.batch.max-requests") int maxRequests) {
        return new BatchInputValidator(maxBytes, maxRequests);
    }
}
