package dev.caravan.model.command;

import dev.caravan.model.object.ObjectAddress;

/** A request of the S3-compatible files surface: it always names a bucket, and usually a key. */
public sealed interface ObjectCommand extends Command
        permits PutObject, GetObject, DeleteObject, ListObjects, CreateMultipartUpload, UploadPart,
        CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads {

    ObjectAddress address();
}
