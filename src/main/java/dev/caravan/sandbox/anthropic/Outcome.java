package dev.caravan.sandbox.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What running one request gave: a Message, or the error the Messages API would have answered. */
sealed interface Outcome {

    record Succeeded(ObjectNode message) implements Outcome {
    }

    record Errored(ErrorType type, String message) implements Outcome {
    }
}
