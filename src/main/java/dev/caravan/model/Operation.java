package dev.caravan.model;

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
    BATCHES_CANCEL("batches-cancel");

    private final String routeSuffix;

    Operation(String routeSuffix) {
        this.routeSuffix = routeSuffix;
    }

    public String routeSuffix() {
        return routeSuffix;
    }
}
