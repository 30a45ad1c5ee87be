package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.wire.Json;

/**
 * GetModelInvocationJob's body and ListModelInvocationJobs' summaries, which have the same members (provider-apis.md
 * §6.3): timestamps ISO 8601 in UTC, the four record counts top-level (there is no {@code statistics} member).
 */
final class JobJson {

    private JobJson() {
    }

    static ObjectNode job(JobView job) {
        JobSpec spec = job.spec();
        CreateJobRequest request = spec.request();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("jobArn", spec.arn());
        node.put("jobName", request.jobName());
        node.put("modelId", request.model().modelId());
        if (request.clientRequestToken() != null) {
            node.put("clientRequestToken", request.clientRequestToken());
        }
        node.put("roleArn", request.roleArn());
        node.put("status", job.status().wire());
        if (job.message() != null) {
            node.put("message", job.message());
        }
        node.put("submitTime", Timestamps.format(spec.submitMillis()));
        node.put("lastModifiedTime", Timestamps.format(job.lastModifiedMillis()));
        if (job.endTime() != null) {
            node.put("endTime", Timestamps.format(job.endTime()));
        }
        node.set("inputDataConfig", request.inputDataConfig());
        node.set("outputDataConfig", request.outputDataConfig());
        if (request.vpcConfig() != null) {
            node.set("vpcConfig", request.vpcConfig());
        }
        node.put("timeoutDurationInHours", request.timeoutDurationInHours());
        node.put("jobExpirationTime", Timestamps.format(spec.expirationMillis()));
        node.put("modelInvocationType", request.modelInvocationType());
        node.put("totalRecordCount", job.counts().total());
        node.put("processedRecordCount", job.counts().processed());
        node.put("successRecordCount", job.counts().success());
        node.put("errorRecordCount", job.counts().error());
        return node;
    }

    static ObjectNode page(ListPage page) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode summaries = node.putArray("invocationJobSummaries");
        page.jobs().forEach(job -> summaries.add(job(job)));
        if (page.nextToken() != null) {
            node.put("nextToken", page.nextToken());
        }
        return node;
    }
}
