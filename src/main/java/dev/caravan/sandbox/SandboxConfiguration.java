package dev.caravan.sandbox;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code caravan.sandbox.enabled=true} (what {@code --sandbox} sets), starts the emulators before any route is
 * built and overrides the upstream settings to point at them. Runs as a CamelConfiguration so tests booting the
 * production configuration get exactly the same wiring as {@code java -jar caravan.jar --sandbox}.
 */
public class SandboxConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        boolean enabled = properties.resolveProperty("caravan.sandbox.enabled").map(Boolean::parseBoolean)
                .orElse(false);
        if (!enabled) {
            return;
        }
        SandboxSettings settings = SandboxSettings.from(properties);
        Sandbox sandbox = new Sandbox(settings);
        context.addService(sandbox, true, true);
        sandbox.start();
        sandbox.upstreamProperties().forEach(properties::addOverrideProperty);
        context.getRegistry().bind("sandbox", sandbox);
        LOG.warn("SANDBOX MODE: every provider is emulated in-process on {}; nothing leaves this machine. "
                + "OpenAI emulator at {}, S3 store (bedrock files) at {}, Bedrock batch emulator at {}, "
                + "Anthropic batch emulator at {}, Gemini files and batch emulator at {}", settings.host(),
                sandbox.openAi().baseUrl(), sandbox.s3().endpoint(), sandbox.bedrock().baseUrl(),
                sandbox.anthropic().baseUrl(), sandbox.gemini().baseUrl());
    }
}
