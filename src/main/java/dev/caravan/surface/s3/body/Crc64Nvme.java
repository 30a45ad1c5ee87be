package dev.caravan.surface.s3.body;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME as S3 uses it for {@code x-amz-checksum-crc64nvme}: reflected polynomial 0x9a6c9329ac4bc9b5, initial value
 * and final xor all ones. Written here because the JDK has none and the AWS SDK's only implementation needs the native
 * CRT library, which is not on this classpath.
 */
public final class Crc64Nvme implements Checksum {

    private static final long POLYNOMIAL = 0x9a6c9329ac4bc9b5L;
    private static final long[] TABLE = table();

    private long crc = ~0L;

    private static long[] table() {
        long[] table = new long[256];
        for (int i = 0; i < 256; i++) {
            long value = i;
            for (int bit = 0; bit < 8; bit++) {
                value = (value & 1) != 0 ? (value >>> 1) ^ POLYNOMIAL : value >>> 1;
            }
            table[i] = value;
        }
        return table;
    }

    @Override
    public void update(int b) {
        crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        long value = crc;
        for (int i = offset, end = offset + length; i < end; i++) {
            value = TABLE[(int) ((value ^ bytes[i]) & 0xff)] ^ (value >>> 8);
        }
        crc = value;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = ~0L;
    }
}
