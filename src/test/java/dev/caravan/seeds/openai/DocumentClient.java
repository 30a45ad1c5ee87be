package dev.caravan.seeds.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.caravan.CaravanClients;
import org.apache.camel.CamelContext;

/**
 * The client the OpenAI-SDK documents build, {@code OpenAI(base_url="http://localhost:8080/openai", api_key=...)},
 * pointed at the Caravan under test (its random port) with the api_key each example writes.
 */
final class DocumentClient {

    private DocumentClient() {
    }

    static OpenAIClient create(CamelContext context, String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(CaravanClients.baseUrl(context) + "/openai")
                .apiKey(apiKey)
                // the SDK's retries would hide what Caravan answered the first time
                .maxRetries(0)
                .build();
    }
}
