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

    private final OpenAiUpstreamResponses responses = new OpenAiUpstreamResponses();
    private OpenAiUpstreamRequests requests;

    @Override
    public void configure() {
        String apiKey = getContext().getPropertiesComponent().resolveProperty("caravan.openai.api-key").orElse("");
        requests = new OpenAiUpstreamRequests(apiKey);
        // Failures belong to the calling surface route, which renders them in its client's envelope.
        errorHandler(noErrorHandler());

        call("files-upload", "uploadFile", "file");
        call("files-list", "listFiles", "filePage");
        call("files-retrieve", "retrieveFile", "file");
        call("files-delete", "deleteFile", "fileDeleted");
        call("files-content", "fileContent", "content");
        call("batches-create", "createBatch", "batch");
        call("batches-list", "listBatches", "batchPage");
        call("batches-retrieve", "retrieveBatch", "batch");
        call("batches-cancel", "cancelBatch", "batch");
    }

    /** One operation: build the upstream request from the command, call OpenAI, read the answer back. */
    private void call(String operation, String request, String response) {
        from("direct:openai-" + operation).routeId("openai-provider-" + operation)
                .bean(requests, request)
                .to(UPSTREAM)
                .bean(responses, response);
    }
}
