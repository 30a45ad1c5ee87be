package dev.caravan.sandbox.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of OpenAI's error envelope (provider-apis.md §1.4). The same shape appears as an HTTP response and inside
 * a failed batch request's {@code response.body}.
 */
record OpenAiError(String message, String type, String param, String code) {

    static final String INVALID_REQUEST = "invalid_request_error";

    static OpenAiError invalidRequest(String message, String param, String code) {
        return new OpenAiError(message, INVALID_REQUEST, param, code);
    }

    static OpenAiError missingParameter(String param) {
        return invalidRequest("Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    /** {@code {"error":{message,type,param,code}}} with all four keys, nulls included, as the spec requires. */
    ObjectNode envelope() {
        ObjectNode root = WireFormat.MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }
}
