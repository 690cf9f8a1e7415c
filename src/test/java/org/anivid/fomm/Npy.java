package org.anivid.fomm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal reader of NumPy {@code .npy} files: little-endian float32, C order (what the FOMM fixture holds). */
record Npy(long[] shape, float[] data) {
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    static Npy read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        buf.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(file + ": not an .npy file");
        }
        int major = buf.get();
        buf.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        byte[] header = new byte[headerLength];
        buf.get(header);
        String dict = new String(header, StandardCharsets.US_ASCII);
        if (!dict.contains("'descr': '<f4'") || dict.contains("'fortran_order': True")) {
            throw new IOException(file + ": only little-endian float32 in C order is supported: " + dict.trim());
        }
        Matcher m = SHAPE.matcher(dict);
        if (!m.find()) {
            throw new IOException(file + ": no shape in " + dict.trim());
        }
        long[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        float[] data = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        buf.asFloatBuffer().get(data);
        return new Npy(shape, data);
    }
}
