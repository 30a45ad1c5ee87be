package dev.caravan.surface.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.job.InvocationJob;
import dev.caravan.model.job.JobCreated;
import dev.caravan.model.job.JobPage;
import dev.caravan.model.job.JobStopped;
import dev.caravan.wire.BedrockJson;
import dev.caravan.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Writes a provider's answer as the Bedrock control plane answers (rest-json, provider-apis.md §6.1–6.3). */
public class BedrockJobResponses {

    static final String REQUEST_ID = "x-amzn-RequestId";

    public void render(Exchange exchange) {
        Message message = exchange.getMessage();
        writeJson(message, 200, json(message.getBody()));
    }

    /** Replaces the whole response, headers included, with a JSON body, a status and a fresh request id. */
    static void writeJson(Message message, int status, ObjectNode json) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader(REQUEST_ID, UUID.randomUUID().toString());
        message.setBody(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode json(Object result) {
        if (result instanceof JobCreated created) {
            return BedrockJson.jobArn(created.jobArn());
        } else if (result instanceof InvocationJob job) {
            return BedrockJson.job(job);
        } else if (result instanceof JobPage page) {
            return BedrockJson.page(page);
        } else if (result instanceof JobStopped) {
            return Json.MAPPER.createObjectNode();
        }
        throw new IllegalStateException("no Bedrock rendering for " + result);
    }
}
