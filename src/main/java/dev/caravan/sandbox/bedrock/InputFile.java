package dev.caravan.sandbox.bedrock;

/** One input {@code .jsonl} object of a job, as validated: where it is, its size and its record count. */
record InputFile(S3Uri location, long bytes, int records) {

    /** The output object's name: the input file's name plus {@code .out} (provider-apis.md §6.5). */
    String outputName() {
        return location.fileName() + ".out";
    }
}
