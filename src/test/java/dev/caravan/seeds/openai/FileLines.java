package dev.caravan.seeds.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.files.FileContentParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents' "Download File Content" ({@code client.files.content(file_id, extra_query={"provider": ...})}, then
 * {@code response.read().decode("utf-8")}), and the text read as JSON lines: a batch file or batch output lines.
 */
final class FileLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FileLines() {
    }

    static String text(OpenAIClient client, String fileId, String provider) {
        try (HttpResponse response = client.files().content(FileContentParams.builder().fileId(fileId)
                .putAdditionalQueryParam("provider", provider).build()); InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> json(OpenAIClient client, String fileId, String provider) {
        return parse(text(client, fileId, provider));
    }

    static List<JsonNode> parse(String text) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        return lines;
    }
}
