package dev.caravan.model;

import java.util.EnumSet;
import java.util.Set;

/** What a caller asks for, independent of surface; the route name suffix is {@code direct:<provider>-<routeSuffix>}. */
public enum Operation {
    FILES_UPLOAD("files-upload"),
    FILES_LIST("files-list"),
    FILES_RETRIEVE("files-retrieve"),
    FILES_DELETE("files-delete"),
    FILES_CONTENT("files-content"),
    BATCHES_CREATE("batches-create"),
    BATCHES_LIST("batches-list"),
    BATCHES_RETRIEVE("batches-retrieve"),
    BATCHES_CANCEL("batches-cancel"),
    OBJECT_PUT("object-put"),
    OBJECT_GET("object-get"),
    OBJECT_HEAD("object-head"),
    OBJECT_DELETE("object-delete"),
    OBJECTS_LIST("objects-list"),
    MULTIPART_CREATE("multipart-create"),
    PART_UPLOAD("part-upload"),
    MULTIPART_COMPLETE("multipart-complete"),
    MULTIPART_ABORT("multipart-abort"),
    PARTS_LIST("parts-list"),
    UPLOADS_LIST("uploads-list"),
    JOBS_CREATE("jobs-create"),
    JOBS_GET("jobs-get"),
    JOBS_LIST("jobs-list"),
    JOBS_STOP("jobs-stop");

    /** The OpenAI Files and Batch API operations. */
    public static final Set<Operation> FILES_AND_BATCHES = EnumSet.range(FILES_UPLOAD, BATCHES_CANCEL);

    /** The S3-compatible files operations. */
    public static final Set<Operation> OBJECTS = EnumSet.range(OBJECT_PUT, UPLOADS_LIST);

    /** The S3 operations on whole objects, without multipart uploads: what a provider's files can be seen as. */
    public static final Set<Operation> WHOLE_OBJECTS = EnumSet.range(OBJECT_PUT, OBJECTS_LIST);

    /** The Bedrock batch API's model invocation job operations. */
    public static final Set<Operation> JOBS = EnumSet.range(JOBS_CREATE, JOBS_STOP);

    private final String routeSuffix;

    Operation(String routeSuffix) {
        this.routeSuffix = routeSuffix;
    }

    public String routeSuffix() {
        return routeSuffix;
    }
}
