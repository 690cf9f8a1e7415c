package org.anivid.torch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The entries of a zip archive as {@code torch.save} writes it: stored (uncompressed) entries, sizes in the
 * central directory (PyTorch sets the data-descriptor flag), zip64 records when large. Stored entries are
 * returned as views of the mapped file, so a 700 MB checkpoint is never copied onto the heap; deflated
 * entries (an archive re-zipped by other tools) are inflated. CRCs are not checked, as PyTorch does not.
 */
final class ZipArchive {
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final long UNKNOWN_32 = 0xffffffffL;

    record Entry(String name, int method, long compressedSize, long size, long localHeaderOffset) {
    }

    private final MappedFile file;
    private final Map<String, Entry> entries;

    private ZipArchive(MappedFile file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Reads the central directory. */
    static ZipArchive read(MappedFile file) throws IOException {
        long size = file.size();
        int tailLength = (int) Math.min(size, 22 + 0xffff);
        ByteBuffer tail = file.map(size - tailLength, tailLength);
        int end = -1;
        for (int i = tailLength - 22; i >= 0; i--) {
            if (tail.getInt(i) == END_OF_CENTRAL_DIRECTORY) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw file.truncated("the zip archive has no central directory");
        }
        long entryCount = tail.getShort(end + 10) & 0xffff;
        long directorySize = tail.getInt(end + 12) & UNKNOWN_32;
        long directoryOffset = tail.getInt(end + 16) & UNKNOWN_32;
        if (entryCount == 0xffff || directorySize == UNKNOWN_32 || directoryOffset == UNKNOWN_32) {
            int locator = end - 20;
            if (locator < 0 || tail.getInt(locator) != ZIP64_LOCATOR) {
                throw file.truncated("the zip64 archive has no zip64 locator");
            }
            ByteBuffer zip64End = file.map(tail.getLong(locator + 8), 56);
            if (zip64End.getInt(0) != ZIP64_END) {
                throw file.truncated("the zip64 end record is missing");
            }
            entryCount = zip64End.getLong(32);
            directorySize = zip64End.getLong(40);
            directoryOffset = zip64End.getLong(48);
        }
        ByteBuffer directory = file.map(directoryOffset, directorySize);
        Map<String, Entry> entries = new LinkedHashMap<>();
        int at = 0;
        for (long n = 0; n < entryCount; n++) {
            if (at + 46 > directory.limit() || directory.getInt(at) != CENTRAL_HEADER) {
                throw file.truncated("the zip central directory is damaged");
            }
            int method = directory.getShort(at + 10) & 0xffff;
            long compressedSize = directory.getInt(at + 20) & UNKNOWN_32;
            long uncompressedSize = directory.getInt(at + 24) & UNKNOWN_32;
            int nameLength = directory.getShort(at + 28) & 0xffff;
            int extraLength = directory.getShort(at + 30) & 0xffff;
            int commentLength = directory.getShort(at + 32) & 0xffff;
            long localHeaderOffset = directory.getInt(at + 42) & UNKNOWN_32;
            byte[] nameBytes = new byte[nameLength];
            directory.get(at + 46, nameBytes);
            // zip64 extended information: the 64-bit values of the fields that read 0xffffffff, in this order
            int extra = at + 46 + nameLength;
            int extraEnd = extra + extraLength;
            while (extra + 4 <= extraEnd) {
                int id = directory.getShort(extra) & 0xffff;
                int length = directory.getShort(extra + 2) & 0xffff;
                if (id == 0x0001) {
                    int value = extra + 4;
                    if (uncompressedSize == UNKNOWN_32) {
                        uncompressedSize = directory.getLong(value);
                        value += 8;
                    }
                    if (compressedSize == UNKNOWN_32) {
                        compressedSize = directory.getLong(value);
                        value += 8;
                    }
                    if (localHeaderOffset == UNKNOWN_32) {
                        localHeaderOffset = directory.getLong(value);
                    }
                }
                extra += 4 + length;
            }
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            entries.put(name, new Entry(name, method, compressedSize, uncompressedSize, localHeaderOffset));
            at = extraEnd + commentLength;
        }
        return new ZipArchive(file, Collections.unmodifiableMap(entries));
    }

    Map<String, Entry> entries() {
        return entries;
    }

    /** The entry's bytes: a view of the mapped file for stored entries, an inflated copy otherwise. */
    ByteBuffer data(Entry entry) throws IOException {
        ByteBuffer localHeader = file.map(entry.localHeaderOffset(), 30);
        if (localHeader.getInt(0) != LOCAL_HEADER) {
            throw file.truncated("zip entry " + entry.name() + " has no local header");
        }
        long dataOffset = entry.localHeaderOffset() + 30 + (localHeader.getShort(26) & 0xffff)
                + (localHeader.getShort(28) & 0xffff);
        ByteBuffer raw = file.map(dataOffset, entry.compressedSize());
        return switch (entry.method()) {
            case 0 -> raw;
            case 8 -> inflate(entry, raw);
            default -> throw file.truncated("zip entry " + entry.name() + " uses compression method "
                    + entry.method());
        };
    }

    private ByteBuffer inflate(Entry entry, ByteBuffer compressed) throws IOException {
        if (entry.size() > Integer.MAX_VALUE) {
            throw file.truncated("compressed zip entry " + entry.name() + " is over 2 GiB");
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            ByteBuffer out = ByteBuffer.allocate((int) entry.size());
            while (out.hasRemaining() && !inflater.finished()) {
                if (inflater.inflate(out) == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
            if (out.hasRemaining()) {
                throw file.truncated("compressed zip entry " + entry.name() + " ends early");
            }
            return out.flip().order(ByteOrder.LITTLE_ENDIAN);
        } catch (DataFormatException e) {
            throw file.truncated("compressed zip entry " + entry.name() + " is damaged: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
