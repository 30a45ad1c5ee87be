package dev.caravan.seeds.openai;

import com.openai.core.MultipartField;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code jsonl_content} literals of the OpenAI-SDK documents (seeds 001 and 004), byte for byte: two lines, no
 * newline after the last, as the Python triple-quoted strings hold them.
 */
final class DocumentJsonl {

    /** Files API, "Upload a File", OpenAI (both copies). */
    static final String FILES_OPENAI = """
            {"custom_id": "request-1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello!"}], "max_tokens": 100}}
            {"custom_id": "request-2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "How are you?"}], "max_tokens": 100}}""";

    /** Files API, "Upload a File", Bedrock (seed 004 only). */
    static final String FILES_BEDROCK = """
            {"custom_id": "request-1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "anthropic.claude-3-sonnet-20240229-v1:0", "messages": [{"role": "user", "content": "Hello!"}], "max_tokens": 100}}
            {"custom_id": "request-2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "anthropic.claude-3-sonnet-20240229-v1:0", "messages": [{"role": "user", "content": "How are you?"}], "max_tokens": 100}}""";

    /** Files API, "Upload a File", Gemini (seed 004 only). */
    static final String FILES_GEMINI = """
            {"custom_id": "request-1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gemini-1.5-flash", "messages": [{"role": "user", "content": "Hello!"}], "max_tokens": 100}}
            {"custom_id": "request-2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gemini-1.5-flash", "messages": [{"role": "user", "content": "How are you?"}], "max_tokens": 100}}""";

    /** "OpenAI Batch Workflow", step 1. */
    static final String E2E_OPENAI = """
            {"custom_id": "req-1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "What is 2+2?"}], "max_tokens": 100}}
            {"custom_id": "req-2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "What is the capital of France?"}], "max_tokens": 100}}""";

    /** "Bedrock Batch Workflow", step 1. */
    static final String E2E_BEDROCK = """
            {"custom_id": "req-1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "anthropic.claude-3-sonnet-20240229-v1:0", "messages": [{"role": "user", "content": "What is 2+2?"}], "max_tokens": 100}}
            {"custom_id": "req-2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "anthropic.claude-3-sonnet-20240229-v1:0", "messages": [{"role": "user", "content": "What is the capital of France?"}], "max_tokens": 100}}""";

    /** "Gemini Batch Workflow", step 1. */
    static final String E2E_GEMINI = """
            {"custom_id": "req-1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gemini-1.5-flash", "messages": [{"role": "user", "content": "What is 2+2?"}], "max_tokens": 100}}
            {"custom_id": "req-2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gemini-1.5-flash", "messages": [{"role": "user", "content": "What is the capital of France?"}], "max_tokens": 100}}""";

    private DocumentJsonl() {
    }

    /** {@code file=(filename, jsonl_content.encode(), "application/jsonl")}. */
    static MultipartField<InputStream> file(String filename, String jsonlContent) {
        return MultipartField.<InputStream>builder()
                .value(new ByteArrayInputStream(jsonlContent.getBytes(StandardCharsets.UTF_8)))
                .filename(filename)
                .contentType("application/jsonl")
                .build();
    }
}
