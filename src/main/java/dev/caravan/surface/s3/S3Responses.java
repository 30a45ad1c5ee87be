package dev.caravan.surface.s3;

import dev.caravan.model.command.CompleteMultipartUpload;
import dev.caravan.model.command.ListMultipartUploads;
import dev.caravan.model.command.ListObjects;
import dev.caravan.model.command.ListParts;
import dev.caravan.model.command.ObjectCommand;
import dev.caravan.model.object.MultipartUpload;
import dev.caravan.model.object.ObjectData;
import dev.caravan.model.object.ObjectDeleted;
import dev.caravan.model.object.ObjectInfo;
import dev.caravan.model.object.ObjectListing;
import dev.caravan.model.object.ObjectWritten;
import dev.caravan.model.object.PartListing;
import dev.caravan.model.object.UploadListing;
import dev.caravan.wire.S3Xml;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;

/** Answers a canonical result the way S3 answers the operation (provider-apis.md §7.1). */
public class S3Responses {

    public void render(Exchange exchange) {
        Object result = exchange.getMessage().getBody();
        ObjectCommand command = S3Exchange.command(exchange);
        S3Reply reply = S3Reply.to(exchange);
        if (result instanceof ObjectData data) {
            object(reply, data);
        } else if (result instanceof ObjectWritten written) {
            written(reply, command, written, exchange);
        } else if (result instanceof ObjectDeleted) {
            reply.status(204).sendEmpty();
        } else if (result instanceof ObjectListing listing) {
            ListObjects list = (ListObjects) command;
            reply.status(200).sendXml(S3Xml.listBucketResult(list, listing, S3Requests.urlEncoded(exchange)));
        } else if (result instanceof MultipartUpload upload) {
            reply.status(200).sendXml(S3Xml.initiateMultipartUploadResult(upload));
        } else if (result instanceof UploadListing uploads) {
            reply.status(200).sendXml(S3Xml.listMultipartUploadsResult((ListMultipartUploads) command, uploads));
        } else if (result instanceof PartListing parts) {
            reply.status(200).sendXml(S3Xml.listPartsResult((ListParts) command, parts));
        } else {
            throw new IllegalStateException("no S3 rendering for " + result);
        }
        exchange.getMessage().setBody(null);
    }

    private static void object(S3Reply reply, ObjectData data) {
        ObjectInfo info = data.info();
        reply.status(data.range() == null ? 200 : 206)
                .header("ETag", info.etag())
                .date("Last-Modified", info.lastModified())
                .header("Content-Type", info.contentType())
                .header("Accept-Ranges", "bytes")
                .header("Content-Range", data.range() == null ? null : data.range().header());
        info.metadata().forEach((name, value) -> reply.header("x-amz-meta-" + name, value));
        if (data.range() == null) {
            // a stored checksum describes the whole object: only a whole-object answer may carry it
            checksums(reply, info.checksums());
        }
        if (data.content() == null) {
            // an object converted as it is served has no length until it has been sent
            reply.header("Content-Length", data.contentLength() < 0 ? null : Long.toString(data.contentLength()))
                    .sendEmpty();
        } else {
            reply.sendStream(data.content(), data.contentLength());
        }
    }

    private static void written(S3Reply reply, ObjectCommand command, ObjectWritten written, Exchange exchange) {
        if (command instanceof CompleteMultipartUpload complete) {
            String location = S3Exchange.request(exchange).absoluteURI().replaceFirst("\\?.*$", "");
            reply.status(200).header("x-amz-version-id", written.versionId())
                    .sendXml(S3Xml.completeMultipartUploadResult(location, complete.address(), written));
            return;
        }
        reply.status(200).header("ETag", written.etag()).header("x-amz-version-id", written.versionId());
        checksums(reply, written.checksums());
        reply.header("Content-Length", "0").sendEmpty();
    }

    private static void checksums(S3Reply reply, Map<String, String> checksums) {
        checksums.forEach((algorithm, value) ->
                reply.header("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT), value));
    }
}
