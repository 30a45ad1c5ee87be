package dev.caravan.provider.bedrock;

import org.apache.camel.builder.RouteBuilder;

/**
 * The {@code bedrock} provider's files: every S3-compatible operation is the same operation on the S3 bucket
 * Bedrock jobs read from, through {@link S3ObjectStore}.
 */
public class BedrockFileRoutes extends RouteBuilder {

    private S3ObjectStore store;

    @Override
    public void configure() throws Exception {
        // settings are read here, after the sandbox (if any) has pointed them at its embedded store
        store = S3ObjectStore.shared(getContext());
        // Failures belong to the calling surface route, which renders them in its client's envelope.
        errorHandler(noErrorHandler());

        call("object-put", "put");
        call("object-get", "get");
        call("object-head", "get");
        call("object-delete", "delete");
        call("objects-list", "list");
        call("multipart-create", "createMultipartUpload");
        call("part-upload", "uploadPart");
        call("multipart-complete", "completeMultipartUpload");
        call("multipart-abort", "abortMultipartUpload");
        call("parts-list", "listParts");
        call("uploads-list", "listMultipartUploads");
    }

    private void call(String operation, String method) {
        from("direct:bedrock-" + operation).routeId("bedrock-provider-" + operation)
                .bean(store, method);
    }
}
