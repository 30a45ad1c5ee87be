package dev.caravan.provider.bedrock;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object name an uploaded batch input gets in S3, and the filename callers see for an object. The name keeps the
 * caller's filename recognisable and makes every upload its own object:
 * {@code <stem>--<yyyyMMddHHmmss>-<6 random>.jsonl}, e.g. {@code batch_e2e.jsonl} becomes
 * {@code batch_e2e--20261123151500-k3x9qa.jsonl}, and is shown again as {@code batch_e2e.jsonl}.
 *
 * <p>Bedrock only reads input keys whose segments are {@code [-!_*'().a-zA-Z0-9]+} (the s3Uri pattern of
 * CreateModelInvocationJob, provider-apis.md §6.2) and whose name ends in {@code .jsonl}, so the stem keeps those
 * characters and turns any other into {@code -}. The filename is read back from the key alone (a listing has no
 * metadata), so it is the caller's own for such names and its cleaned form otherwise. An object whose name is not of
 * this shape (written some other way) is shown under its own name.
 */
final class BedrockFileName {

    static final String EXTENSION = ".jsonl";
    private static final Pattern GENERATED = Pattern.compile("(.+)--[0-9]{14}-[a-z0-9]{6}\\.jsonl");
    private static final Pattern UNSAFE = Pattern.compile("[^-!_*'().a-zA-Z0-9]");
    /** S3 keys hold up to 1024 bytes with the prefix; a stem this long stays readable and well within that. */
    private static final int MAX_STEM = 100;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private BedrockFileName() {
    }

    /** A fresh object name for an upload of {@code filename}. */
    static String generate(String filename, Instant now, SecureRandom random) {
        String stem = filename == null ? "" : filename;
        if (stem.endsWith(EXTENSION)) {
            stem = stem.substring(0, stem.length() - EXTENSION.length());
        }
        stem = UNSAFE.matcher(stem).replaceAll("-");
        if (stem.length() > MAX_STEM) {
            stem = stem.substring(0, MAX_STEM);
        }
        if (stem.isEmpty()) {
            stem = "file";
        }
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return stem + "--" + STAMP.format(now) + "-" + suffix + EXTENSION;
    }

    /** The filename callers see for the object at {@code key}. */
    static String filename(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        Matcher generated = GENERATED.matcher(name);
        return generated.matches() ? generated.group(1) + EXTENSION : name;
    }

    /** Whether a prefix can lead to keys Bedrock reads: each of its segments of Bedrock's allowed characters. */
    static boolean bedrockReadable(String prefix) {
        for (String segment : prefix.split("/")) {
            if (!segment.isEmpty() && UNSAFE.matcher(segment).find()) {
                return false;
            }
        }
        return true;
    }
}
