package dev.caravan.bench;

import java.util.Map;

/**
 * Where the OpenAI API is reached for one side of the comparison: its base URL (ending in /v1) and the headers every
 * call carries. direct = the OpenAI emulator itself with its key; caravan = /openai/v1 on Caravan; portkey = /v1 on
 * Portkey with its x-portkey-* headers pointing at the same emulator. The processes serving it, for their CPU and
 * memory: the gateway's ({@code gatewayPid}, null for direct) and the emulators' JVM ({@code emulatorPid}).
 */
record Target(String name, String openAiBase, Map<String, String> headers, Long gatewayPid, long emulatorPid) {

    static final String DIRECT = "direct";
    static final String CARAVAN = "caravan";
    static final String PORTKEY = "portkey";

    /** Before one measurement on this target: the CPU readings of the processes serving it. */
    ProcessCpu.Span cpu() {
        return ProcessCpu.start(gatewayPid, emulatorPid);
    }
}
