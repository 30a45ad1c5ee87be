package dev.caravan.model.command;

import dev.caravan.model.Operation;
import dev.caravan.model.Provider;

/**
 * What a surface asks of a provider. {@code requestedProvider} is the provider the caller named (null when it named
 * none); {@code subjectId} is the Caravan id the command is about, when it has one, so the provider can be read off it.
 */
public sealed interface Command permits UploadFile, StreamedUpload, ListFiles, FileRef, CreateBatch, BatchRef, ListBatches,
        ObjectCommand, CreateJob, JobRef, ListJobs {

    Operation operation();

    String requestedProvider();

    default String subjectId() {
        return null;
    }

    /** The provider when the caller named none and the subject id names none: each surface's documented default. */
    default Provider defaultProvider() {
        return Provider.OPENAI;
    }
}
