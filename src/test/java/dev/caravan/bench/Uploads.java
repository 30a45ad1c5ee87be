package dev.caravan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parts (c) and (d): one 200 MB file uploaded with curl (streamed from disk) to one target, timed by curl, with the
 * gateway's peak RSS over the upload (VmHWM, reset before) and the CPU seconds the gateway and the emulators' process
 * spent on it. Each answer is checked (a 200 with a file object whose size is the file's; for Bedrock, the object
 * present in the store with that size) and the file deleted afterwards so the disk does not fill and the store does
 * not grow over the rounds. A failed upload is recorded with its message, time to failure, RSS and CPU, not thrown.
 */
final class Uploads {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One {@code <Upload>} of a ListMultipartUploads answer: its key and upload id. */
    private static final Pattern OPEN_UPLOAD = Pattern.compile(
            "<Upload>.*?<Key>([^<]*)</Key>.*?<UploadId>([^<]*)</UploadId>", Pattern.DOTALL);

    private final Path workDir;
    private final SandboxProcess sandbox;

    Uploads(Path workDir, SandboxProcess sandbox) {
        this.workDir = workDir;
        this.sandbox = sandbox;
    }

    /** (c): POST /files (purpose batch) of the OpenAI provider. */
    ComparisonResults.Transfer openAi(Target target, Path file) throws Exception {
        long size = Files.size(file);
        List<String> args = new ArrayList<>(GatewayComparison.headers(target));
        args.addAll(List.of("-F", "purpose=batch", "-F", "file=@" + file + ";type=application/jsonl",
                target.openAiBase() + "/files"));
        Measured measured = measure(target, args);
        Curl.Answer answer = measured.answer();
        Double peak = measured.peakRssMb();
        ProcessCpu.Cost cost = measured.cost();
        String message = null;
        Long stored = null;
        if (!answer.ok()) {
            message = "HTTP " + answer.status() + ": " + shorten(answer.body()) + errorOf(answer);
        } else {
            JsonNode object = JSON.readTree(answer.body());
            stored = object.path("bytes").isNumber() ? object.get("bytes").asLong() : null;
            if (stored == null || stored != size) {
                message = "answer's bytes " + stored + " is not the file's " + size + ": " + shorten(answer.body());
            }
            if (object.hasNonNull("id")) {
                List<String> delete = new ArrayList<>(GatewayComparison.headers(target));
                delete.addAll(List.of("-X", "DELETE", target.openAiBase() + "/files/" + object.get("id").asText()));
                Curl.call(workDir, delete);
            }
        }
        return transfer("openai", target.name(), answer, size, peak, stored, message, cost);
    }

    /**
     * (d): the OpenAI-format file stored for Bedrock. direct = PutObject of the file as it is into the S3 store;
     * caravan = POST /openai/v1/files with provider=bedrock and storage_config (as the OpenAI SDK sends extra_body);
     * portkey = POST /v1/files with its x-portkey-aws-* headers.
     */
    ComparisonResults.Transfer bedrock(Target target, Path file) throws Exception {
        long size = Files.size(file);
        String bucket = sandbox.get(StandaloneSandbox.BUCKET_PROPERTY);
        List<String> args = new ArrayList<>();
        String directKey = GatewayComparison.uniqueKey("direct");
        switch (target.name()) {
            case Target.DIRECT -> {
                args.addAll(signed());
                args.addAll(List.of("-H", "Content-Type: application/jsonl", "-T", file.toString(),
                        objectUrl(bucket, directKey)));
            }
            case Target.CARAVAN -> {
                args.addAll(GatewayComparison.headers(target));
                args.addAll(List.of("-F", "purpose=batch", "-F", "provider=bedrock",
                        "-F", "storage_config[s3][bucket]=" + bucket,
                        "-F", "file=@" + file + ";type=application/jsonl", target.openAiBase() + "/files"));
            }
            default -> args.addAll(List.of("-H", "x-portkey-provider: bedrock",
                    "-H", "x-portkey-aws-access-key-id: " + sandbox.get("caravan.bedrock.s3.access-key"),
                    "-H", "x-portkey-aws-secret-access-key: " + sandbox.get("caravan.bedrock.s3.secret-key"),
                    "-H", "x-portkey-aws-region: " + sandbox.get("caravan.bedrock.s3.region"),
                    "-H", "x-portkey-aws-s3-bucket: " + bucket,
                    "-H", "x-portkey-aws-bedrock-model: " + GatewayComparison.BEDROCK_MODEL,
                    "-F", "purpose=batch", "-F", "file=@" + file + ";type=application/jsonl",
                    target.openAiBase() + "/files"));
        }
        Measured measured = measure(target, args);
        Curl.Answer answer = measured.answer();
        Double peak = measured.peakRssMb();
        ProcessCpu.Cost cost = measured.cost();
        if (!answer.ok()) {
            if (target.gatewayPid() != null) {
                // a gateway's multipart upload refused at completion (Portkey's EntityTooSmall) leaves its parts
                abortIncompleteUploads(bucket);
            }
            return transfer("bedrock", target.name(), answer, size, peak, null,
                    "HTTP " + answer.status() + ": " + shorten(answer.body()) + errorOf(answer), cost);
        }
        String key;
        Long answered = null;
        if (target.name().equals(Target.DIRECT)) {
            key = directKey;
        } else {
            JsonNode object = JSON.readTree(answer.body());
            answered = object.path("bytes").isNumber() ? object.get("bytes").asLong() : null;
            String uri = GatewayComparison.s3Uri(target.name(), object.path("id").asText(""));
            if (!uri.startsWith("s3://" + bucket + "/")) {
                return transfer("bedrock", target.name(), answer, size, peak, null,
                        "the answer names no object in " + bucket + ": " + shorten(answer.body()), cost);
            }
            key = uri.substring(("s3://" + bucket + "/").length());
        }
        Long stored = objectSize(bucket, key);
        String message = null;
        if (stored == null) {
            message = "no object " + key + " in the store after a " + answer.status() + ": " + shorten(answer.body());
        } else if (answered != null && !answered.equals(stored)) {
            message = "the answer's bytes " + answered + " differ from the stored object's " + stored;
        } else if (target.name().equals(Target.DIRECT) && stored != size) {
            message = "stored " + stored + " bytes of " + size;
        }
        List<String> delete = new ArrayList<>(signed());
        delete.addAll(List.of("-X", "DELETE", objectUrl(bucket, key)));
        Curl.call(workDir, delete);
        return transfer("bedrock", target.name(), answer, size, peak, stored, message, cost);
    }

    /**
     * Aborts every multipart upload still open in the bucket (ListMultipartUploads, then AbortMultipartUpload each):
     * an upload refused at CompleteMultipartUpload keeps its parts in the store, 200 MB per round otherwise. Best
     * effort: a store that cannot list them is reported, not fatal.
     */
    private void abortIncompleteUploads(String bucket) throws Exception {
        List<String> list = new ArrayList<>(signed());
        list.add(sandbox.get("caravan.bedrock.s3.endpoint") + "/" + bucket + "?uploads=");
        Curl.Answer uploads = Curl.call(workDir, list);
        if (!uploads.ok()) {
            System.out.println("  (could not list open multipart uploads: HTTP " + uploads.status() + " "
                    + shorten(uploads.body()) + ")");
            return;
        }
        Matcher upload = OPEN_UPLOAD.matcher(uploads.body());
        int aborted = 0;
        while (upload.find()) {
            List<String> abort = new ArrayList<>(signed());
            abort.addAll(List.of("-X", "DELETE", objectUrl(bucket, upload.group(1)) + "?uploadId="
                    + URLEncoder.encode(upload.group(2), StandardCharsets.UTF_8)));
            if (Curl.call(workDir, abort).ok()) {
                aborted++;
            }
        }
        System.out.println("  aborted " + aborted + " open multipart upload(s) in " + bucket);
    }

    /** HEAD of the object in the S3 store: its Content-Length, or null when it is not there. */
    private Long objectSize(String bucket, String key) throws Exception {
        List<String> args = new ArrayList<>(signed());
        args.addAll(List.of("-I", objectUrl(bucket, key)));
        Curl.Answer head = Curl.call(workDir, args);
        if (!head.ok()) {
            return null;
        }
        return head.body().lines().map(String::trim)
                .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .map(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst().orElse(null);
    }

    /**
     * curl's own SigV4 signing with the store's credentials (curl 7.75 or later). curl (7.88) signs a -T upload's
     * payload as if it were empty, which the store rightly refuses (XAmzContentSHA256Mismatch), and a HEAD without a
     * payload hash at all; UNSIGNED-PAYLOAD is S3's documented way to sign the headers only, as SDKs do over TLS.
     */
    private List<String> signed() {
        return List.of("--aws-sigv4", "aws:amz:" + sandbox.get("caravan.bedrock.s3.region") + ":s3",
                "--user", sandbox.get("caravan.bedrock.s3.access-key") + ":"
                        + sandbox.get("caravan.bedrock.s3.secret-key"),
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD");
    }

    private String objectUrl(String bucket, String key) {
        return sandbox.get("caravan.bedrock.s3.endpoint") + "/" + bucket + "/" + key;
    }

    /** One upload's curl answer, the gateway's peak RSS during it (none for direct) and the CPU it cost. */
    private record Measured(Curl.Answer answer, Double peakRssMb, ProcessCpu.Cost cost) {
    }

    /** Runs the upload with the gateway's peak RSS reset before it and CPU counted around it. */
    private Measured measure(Target target, List<String> args) throws Exception {
        Long pid = target.gatewayPid();
        if (pid != null) {
            ProcessMemory.resetPeak(pid);
        }
        ProcessCpu.Span cpu = target.cpu();
        Curl.Answer answer = Curl.call(workDir, args);
        ProcessCpu.Cost cost = cpu.end();
        return new Measured(answer, pid == null ? null : ProcessMemory.peakMb(pid), cost);
    }

    private static ComparisonResults.Transfer transfer(String kind, String target, Curl.Answer answer, long size,
                                                       Double peak, Long stored, String message,
                                                       ProcessCpu.Cost cost) {
        double mbPerSecond = answer.seconds() > 0 ? size / 1e6 / answer.seconds() : 0;
        return new ComparisonResults.Transfer(kind, target, message == null, answer.status(), size,
                answer.seconds(), mbPerSecond, peak, stored, message, cost.gatewaySeconds(), cost.emulatorSeconds());
    }

    private static String errorOf(Curl.Answer answer) {
        return answer.error() == null ? "" : " (" + answer.error() + ")";
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }
}
