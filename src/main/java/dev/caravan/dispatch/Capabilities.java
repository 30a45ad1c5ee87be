package dev.caravan.dispatch;

import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import dev.caravan.model.Operation;
import dev.caravan.model.Provider;
import dev.caravan.model.command.Command;
import dev.caravan.model.command.UploadFile;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Which provider can do which operation. Dispatch consults this table before routing, so an unsupported
 * combination is a clear error naming what is possible, never a missing-route failure.
 *
 * <p>A provider with files and batches is also reachable from the S3 files API (whole objects) and the Bedrock batch
 * API (dev.caravan.bridge). Anthropic is the exception the documents make: it has no file storage, so its files live
 * in Caravan's own store, and the S3 files API offers that only when the operator says so
 * ({@code caravan.anthropic.s3-files}); otherwise those calls say to use inline requests.
 */
public class Capabilities {

    private final Map<Provider, Set<Operation>> supported = new EnumMap<>(Provider.class);

    public Capabilities(boolean anthropicS3Files) {
        supported.put(Provider.OPENAI, withBridge(Operation.FILES_AND_BATCHES));
        Set<Operation> anthropic = withBridge(Operation.FILES_AND_BATCHES);
        if (!anthropicS3Files) {
            anthropic.removeAll(Operation.WHOLE_OBJECTS);
            anthropic.remove(Operation.JOBS_CREATE);
        }
        supported.put(Provider.ANTHROPIC, anthropic);
        supported.put(Provider.GEMINI, withBridge(Operation.FILES_AND_BATCHES));
        Set<Operation> bedrock = EnumSet.copyOf(Operation.OBJECTS);
        bedrock.addAll(Operation.JOBS);
        bedrock.addAll(Operation.FILES_AND_BATCHES);
        supported.put(Provider.BEDROCK, bedrock);
    }

    public void check(Exchange exchange) {
        check(Steps.bodyAs(exchange, Command.class), Steps.provider(exchange));
    }

    public void check(Command command, String providerName) {
        Provider provider = Provider.parse(providerName);
        Operation operation = command.operation();
        if (supported.get(provider).contains(operation)) {
            return;
        }
        if (provider == Provider.ANTHROPIC
                && (Operation.WHOLE_OBJECTS.contains(operation) || operation == Operation.JOBS_CREATE)) {
            throw GatewayError.of(ErrorKind.UNSUPPORTED, "Anthropic has no file storage, so files and file-based "
                    + "jobs for provider 'anthropic' are not available through the S3 files API: create Anthropic "
                    + "batches from inline requests (OpenAI SDK batches.create with extra_body={\"provider\": "
                    + "\"anthropic\", \"requests\": [...]}), or have Caravan keep such files in its own store "
                    + "(caravan.anthropic.s3-files=true).");
        }
        throw GatewayError.of(ErrorKind.UNSUPPORTED, "Provider '" + provider.wireName() + "' does not support "
                + operation.routeSuffix() + " in this version of Caravan.");
    }

    /**
     * Whether the upload's provider converts a batch file line by line as it takes it (bedrock, gemini). Such a
     * provider checks every line itself, with its own limits, before anything is stored, so a check by the surface
     * would only read the file a second time (and hold it to OpenAI's limits). An unknown provider name is not
     * theirs: dispatch refuses it.
     */
    public boolean checksUploadLines(UploadFile upload) {
        String requested = upload.requestedProvider();
        if (requested == null || requested.isBlank()) {
            return false;
        }
        try {
            Provider provider = Provider.parse(requested);
            return provider == Provider.BEDROCK || provider == Provider.GEMINI;
        } catch (GatewayError unknown) {
            return false;
        }
    }

    /** Whether the OpenAI surface checks this upload's lines: a batch file whose provider does not check them itself. */
    public boolean surfaceChecksUploadLines(UploadFile upload) {
        return "batch".equals(upload.purpose()) && !checksUploadLines(upload);
    }

    /** A provider's files and batches, and the objects and jobs the bridge makes of them. */
    private static Set<Operation> withBridge(Set<Operation> filesAndBatches) {
        Set<Operation> operations = EnumSet.copyOf(filesAndBatches);
        if (operations.containsAll(Operation.FILES_AND_BATCHES)) {
            operations.addAll(Operation.WHOLE_OBJECTS);
            operations.addAll(Operation.JOBS);
        }
        return operations;
    }
}
