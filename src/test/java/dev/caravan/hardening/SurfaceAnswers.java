package dev.caravan.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * What a clean refusal looks like on each surface: a 4xx in the client's own error format, so an SDK raises its
 * usual typed error instead of choking on an HTML page or an empty body. Returns a reason when the answer is not
 * clean, or null when it is; the fuzz test and the hostile-input tests share these checks.
 */
final class SurfaceAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DocumentBuilderFactory XML = DocumentBuilderFactory.newInstance();

    static {
        try {
            // the answer is Caravan's, but a test parser still has no business fetching anything
            XML.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SurfaceAnswers() {
    }

    /** The surface a raw request target belongs to, judged the way the router would (after a /v1 prefix). */
    enum Surface { OPENAI, S3, OTHER }

    static Surface surfaceOf(String target) {
        String path = routedPath(target);
        if (path.equals("/openai") || path.startsWith("/openai/")) {
            return Surface.OPENAI;
        }
        if (path.startsWith("/bedrock/files/") || path.equals("/bedrock/files")) {
            return Surface.S3;
        }
        return Surface.OTHER;
    }

    /**
     * The path the router matches: without query or fragment, {@code %2e} decoded and dot segments removed
     * (RFC 3986 5.2.4), as Vert.x normalizes it. {@code /openai/%2e%2e/x} is not an OpenAI path, and neither is
     * {@code //openai/x} (empty segments are kept, so it does not start with /openai/).
     */
    static String routedPath(String target) {
        String path = target.startsWith("http") ? target.replaceFirst("^https?://[^/]*", "") : target;
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = path.indexOf(stop);
            end = at < 0 ? end : Math.min(end, at);
        }
        path = path.substring(0, end).replaceAll("(?i)%2e", ".");
        java.util.Deque<String> segments = new java.util.ArrayDeque<>();
        String[] parts = path.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals("..")) {
                segments.pollLast();
            } else if (!parts[i].equals(".") && !parts[i].isEmpty()) { // the router collapses repeated slashes
                segments.addLast(parts[i]);
            }
        }
        return "/" + String.join("/", segments);
    }

    /** OpenAI's envelope: JSON {@code {"error": {"message": string, "type": string, ...}}}. */
    static String openAiEnvelopeProblem(RawHttp.Response response) {
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            return "Content-Type is " + type + ", not application/json";
        }
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            if (!error.path("message").isTextual() || !error.path("type").isTextual()) {
                return "no error.message / error.type in " + response.text();
            }
            return null;
        } catch (Exception e) {
            return "body is not JSON: " + e.getMessage();
        }
    }

    /** S3's error document: well-formed XML whose root is {@code <Error>} with a {@code <Code>}. */
    static String s3ErrorProblem(RawHttp.Response response, boolean head) {
        if (head) {
            return null; // S3 answers HEAD errors with the status alone
        }
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/xml")) {
            return "Content-Type is " + type + ", not application/xml";
        }
        String code = s3Code(response);
        return code == null ? "not an S3 <Error> document: " + RawHttp.printable(response.text(), 300) : null;
    }

    /** The {@code <Code>} of an S3 error document, or null if the body is not one. */
    static String s3Code(RawHttp.Response response) {
        if (response.body().length == 0) {
            return null;
        }
        try {
            var builder = XML.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throws instead of printing
            Document document = builder.parse(new ByteArrayInputStream(response.body()));
            if (!document.getDocumentElement().getTagName().equals("Error")) {
                return null;
            }
            var codes = document.getElementsByTagName("Code");
            return codes.getLength() == 0 ? null : codes.item(0).getTextContent();
        } catch (Exception e) {
            return null;
        }
    }

    /** The OpenAI error's {@code message}, or "" when there is none. */
    static String openAiMessage(RawHttp.Response response) {
        try {
            return JSON.readTree(response.body()).path("error").path("message").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    /** Null if {@code response} is a clean 4xx for {@code surface}; otherwise what is wrong with it. */
    static String clean4xxProblem(Surface surface, RawHttp.Response response, boolean head) {
        if (response.status() < 400 || response.status() >= 500) {
            return "status " + response.status() + ", not 4xx";
        }
        if (head && surface == Surface.OPENAI) {
            return null; // a HEAD answer has no body to hold the envelope
        }
        return switch (surface) {
            case OPENAI -> openAiEnvelopeProblem(response);
            case S3 -> s3ErrorProblem(response, head);
            case OTHER -> null;
        };
    }
}
