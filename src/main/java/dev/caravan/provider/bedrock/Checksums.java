package dev.caravan.provider.bedrock;

import dev.caravan.model.object.ObjectBody;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** S3's five full-object checksums, by algorithm name, between the canonical model and the SDK's separate fields. */
final class Checksums {

    private Checksums() {
    }

    static Map<String, String> of(String crc32, String crc32c, String crc64nvme, String sha1, String sha256) {
        Map<String, String> sums = new LinkedHashMap<>();
        putIfPresent(sums, "CRC32", crc32);
        putIfPresent(sums, "CRC32C", crc32c);
        putIfPresent(sums, "CRC64NVME", crc64nvme);
        putIfPresent(sums, "SHA1", sha1);
        putIfPresent(sums, "SHA256", sha256);
        return sums;
    }

    private static void putIfPresent(Map<String, String> sums, String algorithm, String value) {
        if (value != null && !value.isEmpty()) {
            sums.put(algorithm, value);
        }
    }

    /**
     * The checksums a write answers with: the store's own, or, from a store that keeps none, the ones Caravan
     * verified itself for the algorithms the caller used (S3 echoes exactly those).
     */
    static Map<String, String> echoed(ObjectBody body, Map<String, String> stored) {
        if (!stored.isEmpty()) {
            return stored;
        }
        Map<String, String> verified = new LinkedHashMap<>();
        body.computedChecksums().get().forEach((algorithm, value) -> {
            if (body.checksums().containsKey(algorithm) || algorithm.equals(body.checksumAlgorithm())) {
                verified.put(algorithm, value);
            }
        });
        return verified;
    }

    /**
     * Values the caller sent up front go to S3 as they are (S3 checks them again); a checksum the caller only sent
     * in a trailer is recomputed by the SDK on the way up, so S3 stores the same value the caller will ask back for.
     */
    static void request(ObjectBody body, Consumer<String> algorithm, Consumer<String> crc32, Consumer<String> crc32c,
                        Consumer<String> crc64nvme, Consumer<String> sha1, Consumer<String> sha256) {
        Map<String, String> known = body.checksums();
        if (known.isEmpty()) {
            if (body.checksumAlgorithm() != null) {
                algorithm.accept(body.checksumAlgorithm());
            }
            return;
        }
        setIfPresent(crc32, known.get("CRC32"));
        setIfPresent(crc32c, known.get("CRC32C"));
        setIfPresent(crc64nvme, known.get("CRC64NVME"));
        setIfPresent(sha1, known.get("SHA1"));
        setIfPresent(sha256, known.get("SHA256"));
    }

    private static void setIfPresent(Consumer<String> setter, String value) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
