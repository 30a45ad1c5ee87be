package dev.caravan.provider.openai;

import org.apache.camel.builder.RouteBuilder;

/**
 * The {@code openai} provider: each operation is a call to the configured OpenAI base URL through camel-http.
 * Responses are not stream-cached, so file content flows straight from OpenAI to the caller.
 */
public class OpenAiProviderRoutes extends RouteBuilder {

    static final String UPSTREAM = "{{caravan.openai.base-url}}?throwExceptionOnFailure=false"
            + "&disableStreamCache=true"
            + "&connectTimeout={{caravan.openai.connect-timeout}}"
            + "&soTimeout={{caravan.openai.read-timeout}}"
            + "&responseTimeout={{caravan.openai.read-timeout}}";

    @Override
    public void configure() {
        String apiKey = getContext().getPropertiesComponent().resolveProperty("caravan.openai.api-key").orElse("");
        OpenAiUpstreamRequests requests = new OpenAiUpstreamRequests(apiKey);
        OpenAiUpstreamResponses responses = new OpenAiUpstreamResponses();
        // Failures belong to the calling surface route, which renders them in its client's envelope.
        errorHandler(noErrorHandler());

        from("direct:openai-files-upload").routeId("openai-provider-files-upload")
                .bean(requests, "uploadFile")
                .to(UPSTREAM)
                .setBody(method(responses, "file"));

        from("direct:openai-files-list").routeId("openai-provider-files-list")
                .bean(requests, "listFiles")
                .to(UPSTREAM)
                .setBody(method(responses, "filePage"));

        from("direct:openai-files-retrieve").routeId("openai-provider-files-retrieve")
                .bean(requests, "retrieveFile")
                .to(UPSTREAM)
                .setBody(method(responses, "file"));

        from("direct:openai-files-delete").routeId("openai-provider-files-delete")
                .bean(requests, "deleteFile")
                .to(UPSTREAM)
                .setBody(method(responses, "fileDeleted"));

        from("direct:openai-files-content").routeId("openai-provider-files-content")
                .bean(requests, "fileContent")
                .to(UPSTREAM)
                .setBody(method(responses, "content"));

        from("direct:openai-batches-create").routeId("openai-provider-batches-create")
                .bean(requests, "createBatch")
                .to(UPSTREAM)
                .setBody(method(responses, "batch"));

        from("direct:openai-batches-list").routeId("openai-provider-batches-list")
                .bean(requests, "listBatches")
                .to(UPSTREAM)
                .setBody(method(responses, "batchPage"));

        from("direct:openai-batches-retrieve").routeId("openai-provider-batches-retrieve")
                .bean(requests, "retrieveBatch")
                .to(UPSTREAM)
                .setBody(method(responses, "batch"));

        from("direct:openai-batches-cancel").routeId("openai-provider-batches-cancel")
                .bean(requests, "cancelBatch")
                .to(UPSTREAM)
                .setBody(method(responses, "batch"));
    }
}
