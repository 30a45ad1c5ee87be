package dev.caravan.jsonl.bedrock;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.ConversionSettings;
import dev.caravan.jsonl.ResultLineWriter;
import dev.caravan.jsonl.canonical.BatchResult;
import dev.caravan.jsonl.canonical.ResultBody;
import dev.caravan.jsonl.canonical.ResultError;
import dev.caravan.jsonl.canonical.TokenUsage;
import dev.caravan.model.ErrorKind;
import dev.caravan.model.GatewayError;
import java.io.IOException;
import java.util.List;

/**
 * Writes canonical results as Bedrock {@code .out} records, so the Bedrock surface can serve the results of a job
 * that ran elsewhere: {@code {recordId, modelOutput}} in the response shape of the batch model's family (the
 * Converse response when the job is a Converse one), or {@code {recordId, error: {errorCode, errorMessage}}}.
 * Bedrock's records also repeat the {@code modelInput}; a result alone does not know it, so it is left out.
 */
final class BedrockResultWriter implements ResultLineWriter {

    private final ConversionSettings settings;
    private BedrockModelFamily family;

    BedrockResultWriter(ConversionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void write(BatchResult result, JsonGenerator out) throws IOException {
        if (!result.succeeded()) {
            out.writeStartObject();
            out.writeStringField("recordId", result.id());
            error(result.error(), out);
            out.writeEndObject();
            return;
        }
        ResultBody body = result.body();
        check(result.id(), body);
        out.writeStartObject();
        out.writeStringField("recordId", result.id());
        out.writeFieldName("modelOutput");
        if (body instanceof ResultBody.Embeddings) {
            embeddings((ResultBody.Embeddings) body, out);
        } else {
            completion((ResultBody.Completion) body, out);
        }
        out.writeEndObject();
    }

    /** Failures need no family, so a batch whose every record failed converts without a model. */
    private BedrockModelFamily family() {
        if (family == null) {
            if (settings.model() == null || settings.model().isBlank()) {
                throw GatewayError.invalid("model", "missing model: Bedrock results take the response shape of "
                        + "the batch model, and the batch has none");
            }
            family = BedrockModelFamily.of(settings.model());
        }
        return family;
    }

    private void check(String id, ResultBody body) {
        if (settings.converse()) {
            // the Converse response is one shape for every model, so it needs no family (and takes any provider's)
            if (body instanceof ResultBody.Embeddings) {
                throw mismatch(id, "is embeddings, which a Converse job does not return");
            }
            int choices = ((ResultBody.Completion) body).choices().size();
            if (choices != 1) {
                throw mismatch(id, "has " + choices + " choices; a Converse job returns exactly one");
            }
            return;
        }
        BedrockModelFamily target = family();
        if (body instanceof ResultBody.Embeddings) {
            ResultBody.Embeddings embeddings = (ResultBody.Embeddings) body;
            if (!target.embeddings()) {
                throw mismatch(id, "is embeddings, which the chat model " + settings.model() + " does not return");
            }
            if (embeddings.vectors().size() != 1) {
                throw mismatch(id, "has " + embeddings.vectors().size() + " vectors; Titan embeddings return one");
            }
            return;
        }
        if (target.embeddings()) {
            throw mismatch(id, "is a completion, which the embedding model " + settings.model() + " does not return");
        }
        int choices = ((ResultBody.Completion) body).choices().size();
        boolean several = target == BedrockModelFamily.MISTRAL;
        if (several ? choices < 1 : choices != 1) {
            throw mismatch(id, "has " + choices + " choices; " + target.description() + " returns "
                    + (several ? "at least one" : "exactly one"));
        }
    }

    private static GatewayError mismatch(String id, String problem) {
        return new GatewayError(ErrorKind.UNSUPPORTED, 400, "the result for recordId \"" + id + "\" " + problem,
                "file", null, null);
    }

    private void completion(ResultBody.Completion completion, JsonGenerator out) throws IOException {
        List<ResultBody.Choice> choices = completion.choices();
        ResultBody.Choice first = choices.get(0);
        TokenUsage usage = completion.usage() == null ? TokenUsage.of(0, 0) : completion.usage();
        if (settings.converse()) {
            converse(first, usage, out);
            return;
        }
        switch (family()) {
            case CLAUDE:
                claude(completion, first, usage, out);
                break;
            case NOVA:
                converse(first, usage, out);
                break;
            case LLAMA:
                out.writeStartObject();
                out.writeStringField("generation", first.text());
                out.writeNumberField("prompt_token_count", usage.prompt());
                out.writeNumberField("generation_token_count", usage.completion());
                out.writeStringField("stop_reason", StopReasons.toLlamaOrMistral(first.finishReason()));
                out.writeEndObject();
                break;
            case MISTRAL:
                // Mistral's text-completion response has no usage to carry the counts in
                out.writeStartObject();
                out.writeArrayFieldStart("outputs");
                for (ResultBody.Choice choice : choices) {
                    out.writeStartObject();
                    out.writeStringField("text", choice.text());
                    out.writeStringField("stop_reason", StopReasons.toLlamaOrMistral(choice.finishReason()));
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
                break;
            default:
                titan(first, usage, out);
        }
    }

    /** Bedrock Claude response ids look like {@code msg_bdrk_…}; a result from elsewhere keeps its own id. */
    private static void claude(ResultBody.Completion completion, ResultBody.Choice choice, TokenUsage usage,
                               JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", completion.id());
        out.writeStringField("type", "message");
        out.writeStringField("role", "assistant");
        out.writeStringField("model", completion.model());
        out.writeArrayFieldStart("content");
        out.writeStartObject();
        out.writeStringField("type", "text");
        out.writeStringField("text", choice.text());
        out.writeEndObject();
        out.writeEndArray();
        out.writeStringField("stop_reason", StopReasons.toClaude(choice.finishReason()));
        out.writeNullField("stop_sequence");
        out.writeObjectFieldStart("usage");
        out.writeNumberField("input_tokens", usage.prompt());
        out.writeNumberField("output_tokens", usage.completion());
        out.writeEndObject();
        out.writeEndObject();
    }

    /**
     * Nova's InvokeModel response and the Converse response share this shape. Converse also has {@code metrics}
     * ({@code latencyMs}), unknown for a result from elsewhere; whether batch records carry it is UNCONFIRMED, so it
     * is left out rather than invented.
     */
    private static void converse(ResultBody.Choice choice, TokenUsage usage, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeObjectFieldStart("output");
        out.writeObjectFieldStart("message");
        out.writeStringField("role", "assistant");
        out.writeArrayFieldStart("content");
        out.writeStartObject();
        out.writeStringField("text", choice.text());
        out.writeEndObject();
        out.writeEndArray();
        out.writeEndObject();
        out.writeEndObject();
        out.writeStringField("stopReason", StopReasons.toConverse(choice.finishReason()));
        out.writeObjectFieldStart("usage");
        out.writeNumberField("inputTokens", usage.prompt());
        out.writeNumberField("outputTokens", usage.completion());
        out.writeNumberField("totalTokens", usage.total());
        out.writeEndObject();
        out.writeEndObject();
    }

    private static void titan(ResultBody.Choice choice, TokenUsage usage, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("inputTextTokenCount", usage.prompt());
        out.writeArrayFieldStart("results");
        out.writeStartObject();
        out.writeNumberField("tokenCount", usage.completion());
        out.writeStringField("outputText", choice.text());
        out.writeStringField("completionReason", StopReasons.toTitan(choice.finishReason()));
        out.writeEndObject();
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void embeddings(ResultBody.Embeddings embeddings, JsonGenerator out) throws IOException {
        double[] vector = embeddings.vectors().get(0);
        out.writeStartObject();
        out.writeFieldName("embedding");
        out.writeArray(vector, 0, vector.length);
        out.writeNumberField("inputTextTokenCount", embeddings.usage() == null ? 0 : embeddings.usage().prompt());
        out.writeEndObject();
    }

    /**
     * errorCode is the HTTP status the record failed with, a number as in Bedrock's documented records. A request
     * that never ran (status 0: expired, cancelled) has no status; its code ({@code batch_expired}…) is written
     * instead (UNCONFIRMED: Bedrock's own records show only numbers, and Bedrock has no such per-record state).
     */
    private static void error(ResultError error, JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("error");
        if (error.executed() || error.code() == null) {
            out.writeNumberField("errorCode", error.executed() ? error.status() : 500);
        } else {
            out.writeStringField("errorCode", error.code());
        }
        out.writeStringField("errorMessage", error.message() == null ? "" : error.message());
        out.writeEndObject();
    }
}
