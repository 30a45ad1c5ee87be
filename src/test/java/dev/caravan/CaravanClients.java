package dev.caravan;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/** Official clients pointed at a Caravan booted by camel-test-main (random port). */
public final class CaravanClients {

    private CaravanClients() {
    }

    public static String baseUrl(CamelContext context) {
        return "http://127.0.0.1:" + context.hasService(VertxPlatformHttpServer.class).getPort();
    }

    /** {@code basePath} is {@code /openai} or {@code /openai/v1}, the two base URLs the documents use. */
    public static OpenAIClient openAi(CamelContext context, String basePath) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl(context) + basePath)
                .apiKey("your-api-key")
                .maxRetries(0)
                .build();
    }
}
