package dev.caravan.provider.bedrock;

import static dev.caravan.dispatch.Steps.toBody;

import dev.caravan.model.command.CreateJob;
import dev.caravan.model.command.JobRef;
import dev.caravan.model.command.ListJobs;
import org.apache.camel.builder.RouteBuilder;

/**
 * The {@code bedrock} provider's model invocation jobs, on the Bedrock control plane. A job is only submitted once
 * its input has been read (and converted to Bedrock records when it is in another provider's line format) and judged
 * a job Bedrock will run: a bad input is refused at once, with its line, instead of failing later in Bedrock's own
 * validation.
 */
public class BedrockJobRoutes extends RouteBuilder {

    @Override
    public void configure() throws Exception {
        // settings are read here, after the sandbox (if any) has pointed them at its emulators
        BedrockJobSettings settings = BedrockJobSettings.from(getContext().getPropertiesComponent());
        BedrockJobs jobs = new BedrockJobs(settings);
        getContext().addService(jobs, true, true);
        JobInputGate inputGate = new JobInputGate(S3ObjectStore.shared(getContext()), settings.quotas());
        JobInputConversion inputConversion = new JobInputConversion(S3ObjectStore.shared(getContext()));
        // Failures belong to the calling surface route, which renders them in its client's envelope.
        errorHandler(noErrorHandler());

        from("direct:bedrock-jobs-create").routeId("bedrock-provider-jobs-create")
                .process(toBody(CreateJob.class, jobs::withDefaultRole))
                .process(toBody(CreateJob.class, inputConversion::convert))
                .process(toBody(CreateJob.class, inputGate::check))
                .process(toBody(CreateJob.class, jobs::create));
        from("direct:bedrock-jobs-get").routeId("bedrock-provider-jobs-get")
                .process(toBody(JobRef.class, jobs::get));
        from("direct:bedrock-jobs-list").routeId("bedrock-provider-jobs-list")
                .process(toBody(ListJobs.class, jobs::list));
        from("direct:bedrock-jobs-stop").routeId("bedrock-provider-jobs-stop")
                .process(toBody(JobRef.class, jobs::stop));
    }
}
