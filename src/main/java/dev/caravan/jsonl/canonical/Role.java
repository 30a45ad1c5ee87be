package dev.caravan.jsonl.canonical;

/** Who speaks a message. Developer messages (OpenAI) are system messages everywhere else. */
public enum Role {
    SYSTEM, USER, ASSISTANT
}
