package org.anivid.torch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip archive of stored (uncompressed) entries the way PyTorch's {@code torch.save} does: the data of every
 * entry starts on a 64-byte boundary, reached with a padding extra field {@code "FB"} filled with {@code 'Z'}, so that
 * a loader can memory-map tensors in place. Unlike PyTorch, sizes and CRC go into the local header (no data
 * descriptor), since every entry is in memory when it is written. Zip64 records are used where a size, an offset or
 * the entry count overflows the 32/16-bit fields (or always, with {@code forceZip64}, to test that path).
 */
final class StoredZipWriter {
    static final int ALIGNMENT = 64;
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final short ZIP64_EXTRA = 0x0001;
    private static final short PADDING_EXTRA = 0x4246; // "FB" little-endian, as PyTorch names it
    private static final long MAX_32 = 0xffffffffL;
    private static final int MAX_16 = 0xffff;
    private static final short FLAG_UTF8 = 0x0800;
    /** MS-DOS date 1980-01-01, time 00:00: a fixed stamp, so the same checkpoint is the same bytes. */
    private static final short DOS_DATE = (short) ((1 << 5) | 1);
    private static final short VERSION_STORED = 20;
    private static final short VERSION_ZIP64 = 45;

    private record Written(byte[] name, long crc, long size, long offset, boolean zip64) {
    }

    private final WritableByteChannel out;
    private final boolean forceZip64;
    private final List<Written> entries = new ArrayList<>();
    private long position;

    StoredZipWriter(WritableByteChannel out, boolean forceZip64) {
        this.out = out;
        this.forceZip64 = forceZip64;
    }

    /** Bytes written so far. */
    long position() {
        return position;
    }

    /** Adds an entry holding the remaining bytes of {@code data} (its position is left as it was). */
    void add(String name, ByteBuffer data) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer content = data.duplicate();
        long size = content.remaining();
        CRC32 crc = new CRC32();
        crc.update(content.duplicate());
        boolean zip64 = forceZip64 || size >= MAX_32;
        int zip64Length = zip64 ? 4 + 16 : 0;
        long headerEnd = position + 30 + nameBytes.length + zip64Length + 4;
        int padding = (int) Math.floorMod(-headerEnd, (long) ALIGNMENT);
        ByteBuffer header = buffer(30 + nameBytes.length + zip64Length + 4 + padding);
        header.putInt(LOCAL_HEADER)
                .putShort(zip64 ? VERSION_ZIP64 : VERSION_STORED)
                .putShort(FLAG_UTF8)
                .putShort((short) 0) // stored
                .putShort((short) 0) // time
                .putShort(DOS_DATE)
                .putInt((int) crc.getValue())
                .putInt((int) (zip64 ? MAX_32 : size))
                .putInt((int) (zip64 ? MAX_32 : size))
                .putShort((short) nameBytes.length)
                .putShort((short) (zip64Length + 4 + padding))
                .put(nameBytes);
        if (zip64) {
            header.putShort(ZIP64_EXTRA).putShort((short) 16).putLong(size).putLong(size);
        }
        header.putShort(PADDING_EXTRA).putShort((short) padding);
        for (int i = 0; i < padding; i++) {
            header.put((byte) 'Z');
        }
        long offset = position;
        write(header.flip());
        write(content);
        entries.add(new Written(nameBytes, crc.getValue(), size, offset, zip64));
    }

    /** Writes the central directory and the end records; the archive is complete afterwards. */
    void finish() throws IOException {
        long directoryOffset = position;
        for (Written entry : entries) {
            boolean offset64 = forceZip64 || entry.offset() >= MAX_32;
            int zip64Length = (entry.zip64() ? 16 : 0) + (offset64 ? 8 : 0);
            int extraLength = zip64Length > 0 ? 4 + zip64Length : 0;
            ByteBuffer header = buffer(46 + entry.name().length + extraLength);
            short version = entry.zip64() || offset64 ? VERSION_ZIP64 : VERSION_STORED;
            header.putInt(CENTRAL_HEADER)
                    .putShort(version) // made by: MS-DOS attributes
                    .putShort(version)
                    .putShort(FLAG_UTF8)
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putShort(DOS_DATE)
                    .putInt((int) entry.crc())
                    .putInt((int) (entry.zip64() ? MAX_32 : entry.size()))
                    .putInt((int) (entry.zip64() ? MAX_32 : entry.size()))
                    .putShort((short) entry.name().length)
                    .putShort((short) extraLength)
                    .putShort((short) 0) // comment
                    .putShort((short) 0) // disk
                    .putShort((short) 0) // internal attributes
                    .putInt(0) // external attributes
                    .putInt((int) (offset64 ? MAX_32 : entry.offset()))
                    .put(entry.name());
            if (zip64Length > 0) {
                // the 64-bit values of the fields that read 0xffffffff, in this order
                header.putShort(ZIP64_EXTRA).putShort((short) zip64Length);
                if (entry.zip64()) {
                    header.putLong(entry.size()).putLong(entry.size());
                }
                if (offset64) {
                    header.putLong(entry.offset());
                }
            }
            write(header.flip());
        }
        long directorySize = position - directoryOffset;
        int count = entries.size();
        boolean zip64 = forceZip64 || count >= MAX_16 || directoryOffset >= MAX_32 || directorySize >= MAX_32;
        if (zip64) {
            long zip64EndOffset = position;
            ByteBuffer end64 = buffer(56 + 20);
            end64.putInt(ZIP64_END)
                    .putLong(44) // size of the rest of this record
                    .putShort(VERSION_ZIP64)
                    .putShort(VERSION_ZIP64)
                    .putInt(0)
                    .putInt(0)
                    .putLong(count)
                    .putLong(count)
                    .putLong(directorySize)
                    .putLong(directoryOffset);
            end64.putInt(ZIP64_LOCATOR).putInt(0).putLong(zip64EndOffset).putInt(1);
            write(end64.flip());
        }
        ByteBuffer end = buffer(22);
        short entryCount = (short) (zip64 ? MAX_16 : count);
        end.putInt(END_OF_CENTRAL_DIRECTORY)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort(entryCount)
                .putShort(entryCount)
                .putInt((int) (zip64 ? MAX_32 : directorySize))
                .putInt((int) (zip64 ? MAX_32 : directoryOffset))
                .putShort((short) 0);
        write(end.flip());
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            position += out.write(bytes);
        }
    }
}
