package dev.caravan.jsonl.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.caravan.jsonl.ResultLineWriter;
import dev.caravan.jsonl.canonical.BatchResult;
import dev.caravan.jsonl.canonical.ResultBody;
import dev.caravan.jsonl.canonical.ResultError;
import dev.caravan.jsonl.canonical.TokenUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes canonical results as OpenAI batch output lines {@code {id, custom_id, response:{status_code, request_id,
 * body}, error}} (provider-apis.md §2.5): a success carries a {@code chat.completion} (or an embeddings list); a
 * request that ran and failed carries its status and an OpenAI error body; one that never ran has
 * {@code response: null} and {@code error: {code, message}}.
 */
final class OpenAiResultWriter implements ResultLineWriter {

    @Override
    public void write(BatchResult result, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", "batch_req_" + stableId(result.id()));
        out.writeStringField("custom_id", result.id());
        ResultError error = result.error();
        if (result.succeeded() || error.executed()) {
            out.writeObjectFieldStart("response");
            out.writeNumberField("status_code", result.succeeded() ? 200 : error.status());
            out.writeStringField("request_id", result.requestId() != null ? result.requestId()
                    : "req_" + stableId(result.id()));
            out.writeFieldName("body");
            if (result.succeeded()) {
                body(result.body(), out);
            } else {
                errorBody(error, out);
            }
            out.writeEndObject();
            out.writeNullField("error");
        } else {
            out.writeNullField("response");
            out.writeObjectFieldStart("error");
            out.writeStringField("code", error.code());
            out.writeStringField("message", error.message());
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private static void body(ResultBody body, JsonGenerator out) throws IOException {
        if (body instanceof ResultBody.Completion completion) {
            completion(completion, out);
        } else {
            embeddings((ResultBody.Embeddings) body, out);
        }
    }

    private static void completion(ResultBody.Completion completion, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", completion.id());
        out.writeStringField("object", "chat.completion");
        out.writeNumberField("created", completion.created());
        out.writeStringField("model", completion.model());
        out.writeArrayFieldStart("choices");
        for (ResultBody.Choice choice : completion.choices()) {
            out.writeStartObject();
            out.writeNumberField("index", choice.index());
            out.writeObjectFieldStart("message");
            out.writeStringField("role", "assistant");
            out.writeStringField("content", choice.text());
            out.writeNullField("refusal");
            out.writeEndObject();
            out.writeNullField("logprobs");
            out.writeStringField("finish_reason", choice.finishReason().wire());
            out.writeEndObject();
        }
        out.writeEndArray();
        usage(completion.usage(), out, true);
        out.writeEndObject();
    }

    private static void embeddings(ResultBody.Embeddings embeddings, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("object", "list");
        out.writeArrayFieldStart("data");
        for (int i = 0; i < embeddings.vectors().size(); i++) {
            out.writeStartObject();
            out.writeStringField("object", "embedding");
            out.writeNumberField("index", i);
            double[] vector = embeddings.vectors().get(i);
            out.writeFieldName("embedding");
            out.writeArray(vector, 0, vector.length);
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeStringField("model", embeddings.model());
        usage(embeddings.usage(), out, false);
        out.writeEndObject();
    }

    private static void usage(TokenUsage usage, JsonGenerator out, boolean completion) throws IOException {
        out.writeObjectFieldStart("usage");
        out.writeNumberField("prompt_tokens", usage.prompt());
        if (completion) {
            out.writeNumberField("completion_tokens", usage.completion());
        }
        out.writeNumberField("total_tokens", usage.total());
        out.writeEndObject();
    }

    private static void errorBody(ResultError error, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeObjectFieldStart("error");
        out.writeStringField("message", error.message());
        out.writeStringField("type", error.type() != null ? error.type()
                : error.status() >= 500 ? "server_error" : "invalid_request_error");
        out.writeNullField("param");
        out.writeStringField("code", error.code());
        out.writeEndObject();
        out.writeEndObject();
    }

    /** The same custom id always gives the same line id, so a file read twice is the same file. */
    private static String stableId(String customId) {
        return UUID.nameUUIDFromBytes(customId.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
