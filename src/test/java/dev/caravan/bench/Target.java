package dev.caravan.bench;

import java.util.Map;

/**
 * Where the OpenAI API is reached for one side of the comparison: its base URL (ending in /v1) and the headers every
 * call carries. direct = the OpenAI emulator itself with its key; caravan = /openai/v1 on Caravan; portkey = /v1 on
 * Portkey with its x-portkey-* headers pointing at the same emulator.
 */
record Target(String name, String openAiBase, Map<String, String> headers) {

    static final String DIRECT = "direct";
    static final String CARAVAN = "caravan";
    static final String PORTKEY = "portkey";
}
