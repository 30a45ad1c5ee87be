package dev.caravan.jsonl.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jsonl.LineError;
import dev.caravan.jsonl.ResultLineReader;
import dev.caravan.jsonl.canonical.BatchResult;
import dev.caravan.jsonl.canonical.FinishReason;
import dev.caravan.jsonl.canonical.ResultBody;
import dev.caravan.jsonl.canonical.ResultError;
import dev.caravan.jsonl.canonical.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/** Reads OpenAI batch output and error lines (provider-apis.md §2.5), for callers that want another format. */
final class OpenAiResultReader implements ResultLineReader {

    @Override
    public BatchResult read(JsonNode line, int n) {
        String id = line.path("custom_id").asText(null);
        if (id == null) {
            throw LineError.at(n, "custom_id is missing");
        }
        JsonNode response = line.get("response");
        JsonNode error = line.get("error");
        if (response == null || response.isNull()) {
            if (error == null || error.isNull()) {
                throw LineError.at(n, "a result line needs a response or an error");
            }
            return BatchResult.failure(id, null, new ResultError(0, error.path("code").asText(null), null,
                    error.path("message").asText("")));
        }
        int status = response.path("status_code").asInt();
        String requestId = response.path("request_id").asText(null);
        JsonNode body = response.path("body");
        if (status < 200 || status > 299) {
            JsonNode detail = body.path("error");
            return BatchResult.failure(id, requestId, new ResultError(status, detail.path("code").asText(null),
                    detail.path("type").asText(null), detail.path("message").asText("")));
        }
        return BatchResult.success(id, requestId, "list".equals(body.path("object").asText())
                ? embeddings(body) : completion(body, n));
    }

    private static ResultBody completion(JsonNode body, int n) {
        List<ResultBody.Choice> choices = new ArrayList<>();
        for (JsonNode choice : body.path("choices")) {
            choices.add(new ResultBody.Choice(choice.path("index").asInt(),
                    choice.path("message").path("content").asText(""), finishReason(choice, n)));
        }
        JsonNode usage = body.path("usage");
        return new ResultBody.Completion(body.path("id").asText(), body.path("model").asText(),
                body.path("created").asLong(), choices, new TokenUsage(usage.path("prompt_tokens").asLong(),
                usage.path("completion_tokens").asLong(), usage.path("total_tokens").asLong()));
    }

    private static FinishReason finishReason(JsonNode choice, int n) {
        String reason = choice.path("finish_reason").asText("stop");
        for (FinishReason candidate : FinishReason.values()) {
            if (candidate.wire().equals(reason)) {
                return candidate;
            }
        }
        // function_call is the deprecated name of tool_calls
        if (reason.equals("function_call")) {
            return FinishReason.TOOL_CALLS;
        }
        throw LineError.at(n, "unknown finish_reason \"" + reason + "\"");
    }

    private static ResultBody embeddings(JsonNode body) {
        List<double[]> vectors = new ArrayList<>();
        for (JsonNode item : body.path("data")) {
            JsonNode values = item.path("embedding");
            double[] vector = new double[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = values.get(i).asDouble();
            }
            vectors.add(vector);
        }
        JsonNode usage = body.path("usage");
        return new ResultBody.Embeddings(body.path("model").asText(), vectors,
                new TokenUsage(usage.path("prompt_tokens").asLong(), 0, usage.path("total_tokens").asLong()));
    }
}
