package dev.caravan.bridge;

import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ResultConversion;
import dev.caravan.jsonl.ResultFormat;
import dev.caravan.jsonl.ResultSelection;
import dev.caravan.model.Batch;
import dev.caravan.model.CaravanIds;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.FileContent;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.command.BatchRef;
import dev.caravan.model.command.FileRef;
import dev.caravan.model.command.GetObject;
import dev.caravan.model.command.StorageConfig;
import dev.caravan.model.object.ObjectData;
import dev.caravan.model.object.ObjectInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job's results as the object its outputDataConfig names, {@code s3://<output bucket>/<batch id>.out}: GetObject
 * with the same {@code x-model-provider} serves the batch's output and error files converted to Bedrock {@code .out}
 * records, as a Bedrock job's results would read. The records take the Converse response shape, the one Bedrock
 * shape every provider's model fits.
 */
public class ResultObjects {

    private static final String SUFFIX = ".out";

    static final String BATCH = "caravanResultsBatch";
    static final String OUTPUT = "caravanResultsOutput";
    static final String ERRORS = "caravanResultsErrors";

    /** Where a job says its results are: the caller's output location when the batch kept it, else a default one. */
    static String uri(Provider provider, String batchId, String keptOutputUri) {
        String location = keptOutputUri == null || keptOutputUri.isEmpty()
                ? "s3://" + provider.wireName() + "-output/" : keptOutputUri;
        return location + (location.endsWith("/") ? "" : "/") + batchId + SUFFIX;
    }

    /** The batch a key names when it is {@code [<prefix>/]<batch id>.out}. */
    static Optional<String> batchId(Provider provider, String key) {
        if (key == null || !key.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String name = key.substring(key.lastIndexOf('/') + 1, key.length() - SUFFIX.length());
        boolean batch = name.startsWith(provider == Provider.OPENAI ? "batch_" : "batch-")
                && CaravanIds.providerOf(name).filter(owner -> owner == provider).isPresent();
        return batch ? Optional.of(name) : Optional.empty();
    }

    public boolean named(GetObject get, String provider) {
        return batchId(Provider.parse(provider), get.address().key()).isPresent();
    }

    public BatchRef batch(GetObject get, String provider) {
        return new BatchRef(Operation.BATCHES_RETRIEVE, provider,
                batchId(Provider.parse(provider), get.address().key()).orElseThrow());
    }

    public ObjectData head(Batch batch, GetObject get) {
        if (batch.outputFileId() == null && batch.errorFileId() == null) {
            throw new GatewayError(ErrorKind.NOT_FOUND, 404, "The specified key does not exist: job " + batch.id()
                    + " has no results yet (status " + batch.status().wireName() + ").", null, "NoSuchKey", null);
        }
        if (get.range() != null) {
            throw GatewayError.of(ErrorKind.UNSUPPORTED, "Range reads of job results are not supported: they are "
                    + "converted as they are served.");
        }
        long modified = batch.completedAt() != null ? batch.completedAt() : batch.createdAt();
        ObjectInfo info = new ObjectInfo(FileKeys.quoted(batch.id() + SUFFIX), -1, Instant.ofEpochSecond(modified),
                "application/jsonl", Map.of(), Map.of());
        get.preconditions().checkRead(info);
        return new ObjectData(info, null, -1, null);
    }

    public FileRef outputFile(Batch batch) {
        return file(batch.outputFileId(), batch);
    }

    public FileRef errorFile(Batch batch) {
        return file(batch.errorFileId(), batch);
    }

    /** The output file's records, then the error file's, converted as the caller reads them. */
    public ObjectData data(Batch batch, ObjectData head, FileContent output, FileContent errors) {
        List<InputStream> parts = new ArrayList<>();
        for (FileContent file : new FileContent[] {output, errors}) {
            if (file != null) {
                parts.add(file.body());
                // a file need not end in a line break; the next one must start on its own line
                parts.add(new ByteArrayInputStream(new byte[] {'\n'}));
            }
        }
        ConversionSettings settings = ConversionSettings.forModel(batch.model()).withConverse(true);
        InputStream records = ResultConversion.convert(new SequenceInputStream(Collections.enumeration(parts)),
                ResultFormat.OPENAI.reader(settings), ResultFormat.BEDROCK.writer(settings), ResultSelection.ALL);
        return new ObjectData(head.info(), records, -1, null);
    }

    private static FileRef file(String fileId, Batch batch) {
        String provider = CaravanIds.providerOf(batch.id()).orElseThrow().wireName();
        return fileId == null ? null : new FileRef(Operation.FILES_CONTENT, provider, fileId, StorageConfig.NONE);
    }
}
