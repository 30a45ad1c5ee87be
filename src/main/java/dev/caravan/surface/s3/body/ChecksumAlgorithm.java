package dev.caravan.surface.s3.body;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The flexible checksums S3 accepts on a PUT, with their wire names and their S3 encodings. */
public enum ChecksumAlgorithm {
    CRC32("CRC32", 4),
    CRC32C("CRC32C", 4),
    CRC64NVME("CRC64NVME", 8),
    SHA1("SHA1", 20),
    SHA256("SHA256", 32);

    private final String sdkName;
    private final String headerName;
    private final int length;

    ChecksumAlgorithm(String sdkName, int length) {
        this.sdkName = sdkName;
        this.headerName = "x-amz-checksum-" + sdkName.toLowerCase(Locale.ROOT);
        this.length = length;
    }

    /** The value of {@code x-amz-sdk-checksum-algorithm}, e.g. {@code CRC32}. */
    public String sdkName() {
        return sdkName;
    }

    /** The lower-case header (and trailer) name, e.g. {@code x-amz-checksum-crc32}. */
    public String headerName() {
        return headerName;
    }

    /** How many bytes the checksum has before base64. */
    public int length() {
        return length;
    }

    public static Optional<ChecksumAlgorithm> fromHeaderName(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.headerName.equalsIgnoreCase(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    public static Optional<ChecksumAlgorithm> fromName(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.sdkName.equalsIgnoreCase(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** A fresh checksum over nothing yet. */
    public RunningChecksum newChecksum() {
        return switch (this) {
            case CRC32 -> crc(new CRC32(), length);
            case CRC32C -> crc(new CRC32C(), length);
            case CRC64NVME -> crc(new Crc64Nvme(), length);
            case SHA1 -> digest(messageDigest("SHA-1"));
            case SHA256 -> digest(messageDigest("SHA-256"));
        };
    }

    // S3 sends a CRC as its value's big-endian bytes, as wide as the CRC (4 or 8), not as a decimal or hex number.
    private static RunningChecksum crc(Checksum checksum, int width) {
        return new RunningChecksum() {
            @Override
            public void update(byte[] bytes, int offset, int length) {
                checksum.update(bytes, offset, length);
            }

            @Override
            public byte[] finish() {
                long value = checksum.getValue();
                byte[] out = new byte[width];
                for (int i = width - 1; i >= 0; i--) {
                    out[i] = (byte) value;
                    value >>>= 8;
                }
                return out;
            }
        };
    }

    private static RunningChecksum digest(MessageDigest digest) {
        return new RunningChecksum() {
            @Override
            public void update(byte[] bytes, int offset, int length) {
                digest.update(bytes, offset, length);
            }

            @Override
            public byte[] finish() {
                return digest.digest();
            }
        };
    }

    static MessageDigest messageDigest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5, SHA-1 and SHA-256, so this cannot happen on a conforming JVM.
            throw new IllegalStateException(name + " is missing from this JVM", e);
        }
    }
}
