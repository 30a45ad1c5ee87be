package dev.caravan.model.command;

import dev.caravan.model.Provider;
import dev.caravan.model.object.ObjectAddress;

/** A request of the S3-compatible files surface: it always names a bucket, and usually a key. */
public sealed interface ObjectCommand extends Command
        permits PutObject, GetObject, DeleteObject, ListObjects, CreateMultipartUpload, UploadPart,
        CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads {

    ObjectAddress address();

    /** The S3 files API serves Bedrock's S3 unless {@code x-model-provider} names another provider. */
    @Override
    default Provider defaultProvider() {
        return Provider.BEDROCK;
    }
}
