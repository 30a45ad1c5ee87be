package dev.caravan.provider.bedrock;

import static dev.caravan.dispatch.Steps.toBody;

import dev.caravan.model.command.AbortMultipartUpload;
import dev.caravan.model.command.CompleteMultipartUpload;
import dev.caravan.model.command.CreateMultipartUpload;
import dev.caravan.model.command.DeleteObject;
import dev.caravan.model.command.GetObject;
import dev.caravan.model.command.ListMultipartUploads;
import dev.caravan.model.command.ListObjects;
import dev.caravan.model.command.ListParts;
import dev.caravan.model.command.PutObject;
import dev.caravan.model.command.UploadPart;
import org.apache.camel.Processor;
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

        call("object-put", toBody(PutObject.class, store::put));
        call("object-get", toBody(GetObject.class, store::get));
        call("object-head", toBody(GetObject.class, store::get));
        call("object-delete", toBody(DeleteObject.class, store::delete));
        call("objects-list", toBody(ListObjects.class, store::list));
        call("multipart-create", toBody(CreateMultipartUpload.class, store::createMultipartUpload));
        call("part-upload", toBody(UploadPart.class, store::uploadPart));
        call("multipart-complete", toBody(CompleteMultipartUpload.class, store::completeMultipartUpload));
        call("multipart-abort", toBody(AbortMultipartUpload.class, store::abortMultipartUpload));
        call("parts-list", toBody(ListParts.class, store::listParts));
        call("uploads-list", toBody(ListMultipartUploads.class, store::listMultipartUploads));
    }

    /** The operation's route: one call of the store, through a method reference (no bean binding, issue 10). */
    private void call(String operation, Processor storeCall) {
        from("direct:bedrock-" + operation).routeId("bedrock-provider-" + operation)
                .process(storeCall);
    }
}
