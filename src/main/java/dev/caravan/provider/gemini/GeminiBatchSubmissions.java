package dev.caravan.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.GatewayError;
import dev.caravan.model.command.CreateBatch;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Turns an OpenAI-style {@code batches.create} into a Gemini file batch, checked before anything is sent. A Gemini
 * batch reads a file uploaded with provider {@code gemini} ({@code input_file_id}), runs one model and carries a
 * display name, nothing else: so the model comes from {@code extra_body {"model": …}} (the documents' way) or, failing
 * that, from the file's lines; {@code metadata} may hold {@code job_name} only, which becomes the display name
 * (Caravan's convention for a job name, which the bedrock surface passes on); and every other field is refused by
 * name rather than dropped.
 */
public class GeminiBatchSubmissions {

    /** The exchange property holding the {@link BatchPlan} while the batch is created. */
    static final String PLAN = "caravanGeminiBatchPlan";
    private static final Set<String> UNDERSTOOD = Set.of("model");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final GeminiFileCopies copies;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public GeminiBatchSubmissions(GeminiFileCopies copies, Clock clock) {
        this.copies = copies;
        this.clock = clock;
    }

    public BatchPlan check(CreateBatch create, Exchange exchange) {
        if (!GeminiBatchMapping.ENDPOINT.equals(create.endpoint())) {
            throw GatewayError.invalid("endpoint", "Provider 'gemini' runs generateContent requests, which are "
                    + GeminiBatchMapping.ENDPOINT + "; endpoint '" + create.endpoint() + "' is not supported.");
        }
        if (!GeminiBatchMapping.COMPLETION_WINDOW.equals(create.completionWindow())) {
            throw GatewayError.invalid("completion_window", "Gemini batches target a 24 hour turnaround: "
                    + "completion_window must be '24h'.");
        }
        String displayName = displayName(create.metadata());
        for (Iterator<String> names = create.extra().fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!UNDERSTOOD.contains(name) && !create.extra().get(name).isNull()) {
                throw GatewayError.invalid(name, "Provider 'gemini' does not support '" + name + "'.");
            }
        }
        String model = null;
        JsonNode given = create.extra().get("model");
        if (given != null && !given.isNull()) {
            if (!given.isTextual() || given.asText().isBlank()) {
                throw GatewayError.invalid("model", "'model' must be a non-empty string.");
            }
            model = GeminiModelName.require(given.asText(), "model");
        }
        if (create.inputFileId() == null || create.inputFileId().isEmpty()) {
            throw GatewayError.invalid("input_file_id", "Provider 'gemini' runs batches from a file: give the "
                    + "input_file_id of a file uploaded with provider 'gemini'.");
        }
        if (!(GeminiFileId.parse(create.inputFileId()) instanceof GeminiFileId.Uploaded file)) {
            throw GatewayError.invalid("input_file_id", "File " + create.inputFileId() + " holds a batch's results, "
                    + "not batch input.");
        }
        BatchPlan plan = new BatchPlan(file, create.inputFileId(), displayName, model);
        exchange.setProperty(PLAN, plan);
        return plan;
    }

    /**
     * Once Gemini has the input file: the batch's model. The caller's, else the one the file's lines named; a caller's
     * model that contradicts the lines' is refused, as the lines were written for another model.
     */
    public BatchPlan model(Exchange exchange) {
        BatchPlan plan = exchange.getProperty(PLAN, BatchPlan.class);
        String recorded = copies.model(plan.file().name()).orElse(null);
        if (plan.model() != null) {
            if (recorded != null && !recorded.equals(plan.model())) {
                throw GatewayError.invalid("model", "The lines of " + plan.inputFileId() + " name model '"
                        + recorded + "', not '" + plan.model() + "'; a Gemini batch runs one model.");
            }
            return plan;
        }
        if (recorded == null) {
            throw GatewayError.invalid("model", "Provider 'gemini' needs the batch's model: pass it as extra_body "
                    + "{\"model\": \"" + GeminiModelName.EXAMPLE + "\"}.");
        }
        BatchPlan withModel = plan.withModel(recorded);
        exchange.setProperty(PLAN, withModel);
        return withModel;
    }

    /** {@code metadata.job_name} when given, else a name of Caravan's making: Gemini requires a display name. */
    private String displayName(Map<String, String> metadata) {
        if (metadata != null) {
            for (String key : metadata.keySet()) {
                if (!GeminiBatchMapping.JOB_NAME.equals(key)) {
                    throw GatewayError.invalid("metadata", "Gemini batches keep a display name only: metadata may "
                            + "hold '" + GeminiBatchMapping.JOB_NAME + "', not '" + key + "'.");
                }
            }
            String jobName = metadata.get(GeminiBatchMapping.JOB_NAME);
            if (jobName != null) {
                if (jobName.isBlank() || jobName.length() > GeminiUploads.MAX_DISPLAY_NAME) {
                    throw GatewayError.invalid("metadata", "metadata.job_name must be 1 to "
                            + GeminiUploads.MAX_DISPLAY_NAME + " characters.");
                }
                return jobName;
            }
        }
        return "caravan-batch-" + STAMP.format(clock.instant()) + "-" + HexFormat.of().toHexDigits(random.nextInt());
    }
}
