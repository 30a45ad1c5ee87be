package dev.caravan.sandbox.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A record's modelOutput and its token counts (for the job's manifest). */
record Inference(ObjectNode output, long inputTokens, long outputTokens) {
}
