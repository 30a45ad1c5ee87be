package dev.caravan.seeds.boto3;

import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The batch files the page's examples build, line for line as their {@code json.dumps} writes them and joined with
 * {@code "\n"} (no trailing newline), so that sizes and contents compare with what the caller sent.
 */
final class DocumentLines {

    /** The model the Bedrock examples name. */
    static final String CLAUDE = "anthropic.claude-3-sonnet-20240229-v1:0";
    static final String GPT = "gpt-4o-mini";
    static final String GEMINI = "gemini-1.5-flash";

    /** JSONL Format Reference, one line per format. */
    static final String BEDROCK_REFERENCE_LINE = "{\"recordId\": \"request-1\", \"modelInput\": {\"messages\": "
            + "[{\"role\": \"user\", \"content\": [{\"text\": \"Hello!\"}]}], \"inferenceConfig\": "
            + "{\"maxTokens\": 100}}}";
    static final String OPENAI_REFERENCE_LINE = "{\"custom_id\": \"request-1\", \"method\": \"POST\", \"url\": "
            + "\"/v1/chat/completions\", \"body\": {\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", "
            + "\"content\": \"Hello!\"}], \"max_tokens\": 100}}";
    static final String GEMINI_REFERENCE_LINE = "{\"request\": {\"contents\": [{\"role\": \"user\", \"parts\": "
            + "[{\"text\": \"Hello!\"}]}], \"generationConfig\": {\"maxOutputTokens\": 100}}, \"metadata\": "
            + "{\"key\": \"request-1\"}}";

    private DocumentLines() {
    }

    /** Upload a File: "Hello, this is test message {i+1}. Say hi back briefly." */
    static String uploadText(int i) {
        return "Hello, this is test message " + i + ". Say hi back briefly.";
    }

    /** End-to-End: "What is {i+1} + {i+1}? Answer briefly." */
    static String endToEndText(int i) {
        return "What is " + i + " + " + i + "? Answer briefly.";
    }

    /** create_bedrock_batch_jsonl (num_requests=2) and the end-to-end create_batch_jsonl (num_requests=3). */
    static String bedrock(int count, boolean endToEnd) {
        return lines(count, i -> "{\"recordId\": \"request-" + i + "\", \"modelInput\": {\"messages\": [{\"role\": "
                + "\"user\", \"content\": [{\"text\": \"" + text(i, endToEnd) + "\"}]}], \"inferenceConfig\": "
                + "{\"maxTokens\": 100}}}");
    }

    /** create_openai_batch_jsonl (num_requests=2) and the end-to-end create_openai_jsonl (num_requests=3). */
    static String openAi(String model, int count, boolean endToEnd) {
        return lines(count, i -> "{\"custom_id\": \"request-" + i + "\", \"method\": \"POST\", \"url\": "
                + "\"/v1/chat/completions\", \"body\": {\"model\": \"" + model + "\", \"messages\": [{\"role\": "
                + "\"user\", \"content\": \"" + text(i, endToEnd) + "\"}], \"max_tokens\": 100}}");
    }

    /** create_gemini_batch_jsonl (num_requests=2) and the end-to-end create_gemini_jsonl (num_requests=3). */
    static String gemini(int count, boolean endToEnd) {
        return lines(count, i -> "{\"request\": {\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \""
                + text(i, endToEnd) + "\"}]}], \"generationConfig\": {\"maxOutputTokens\": 100}}, \"metadata\": "
                + "{\"key\": \"request-" + i + "\"}}");
    }

    private static String text(int i, boolean endToEnd) {
        return endToEnd ? endToEndText(i) : uploadText(i);
    }

    private static String lines(int count, IntFunction<String> line) {
        return IntStream.rangeClosed(1, count).mapToObj(line).collect(Collectors.joining("\n"));
    }
}
