package dev.caravan.surface.openai;

import com.openai.client.OpenAIClient;
import dev.caravan.CaravanApplication;
import dev.caravan.CaravanClients;
import dev.caravan.contract.OpenAiFilesAndBatchesContract;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;

/** The OpenAI SDK against Caravan's production configuration on the sandbox, base URL {@code /openai}. */
@CamelMainTest(mainClass = CaravanApplication.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.server.port=0", "camel.server.host=127.0.0.1", "caravan.sandbox.enabled=true",
                "caravan.sandbox.openai.phase-duration=300ms"})
class CaravanOpenAiTest extends OpenAiFilesAndBatchesContract {

    @BeanInject
    CamelContext context;

    private OpenAIClient client;

    @Override
    protected OpenAIClient client() {
        if (client == null) {
            client = CaravanClients.openAi(context, basePath());
        }
        return client;
    }

    protected String basePath() {
        return "/openai";
    }
}
