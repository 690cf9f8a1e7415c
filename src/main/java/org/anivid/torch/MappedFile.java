package org.anivid.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.anivid.core.InvalidInputException;

/**
 * A checkpoint file opened for reading: regions of it as memory-mapped buffers (which stay valid after
 * {@link #close()}), and a sequential stream that knows its position. Files up to 2 GiB are mapped once;
 * larger ones region by region, since one Java buffer holds at most 2 GiB.
 */
final class MappedFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final MappedByteBuffer whole;

    private MappedFile(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
        this.whole = size > 0 && size <= Integer.MAX_VALUE ? channel.map(FileChannel.MapMode.READ_ONLY, 0, size) : null;
    }

    static MappedFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new MappedFile(path, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    /** Bytes [offset, offset + length) as a little-endian buffer at position 0. */
    ByteBuffer map(long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw truncated("needs bytes up to " + (offset + length) + " but the file has " + size);
        }
        if (length > Integer.MAX_VALUE) {
            throw new InvalidInputException(path, "holds a storage of " + length
                    + " bytes; storages over 2 GiB are not supported");
        }
        ByteBuffer region = whole != null
                ? whole.duplicate().position((int) offset).limit((int) (offset + length)).slice()
                : channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
        return region.order(ByteOrder.LITTLE_ENDIAN);
    }

    InvalidInputException truncated(String detail) {
        return new InvalidInputException(path, "truncated or damaged checkpoint: " + detail);
    }

    /** A stream from {@code offset} on; {@link PositionedInput#position()} tells where the next byte lies. */
    PositionedInput stream(long offset) {
        return new PositionedInput(offset);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A buffered stream over the file that knows its position (pickles are read byte by byte). */
    final class PositionedInput extends InputStream {
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).limit(0);
        private long bufferStart;
        private boolean reachedEnd;

        private PositionedInput(long offset) {
            this.bufferStart = offset;
        }

        long position() {
            return bufferStart + buffer.position();
        }

        /** Whether a read asked for bytes past the end of the file. */
        boolean reachedEnd() {
            return reachedEnd;
        }

        private boolean fill() throws IOException {
            bufferStart += buffer.position();
            buffer.clear();
            int read = bufferStart < size ? channel.read(buffer, bufferStart) : -1;
            buffer.flip();
            if (read <= 0) {
                reachedEnd = true;
                return false;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!buffer.hasRemaining() && !fill()) {
                return -1;
            }
            return buffer.get() & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!buffer.hasRemaining() && !fill()) {
                return -1;
            }
            int count = Math.min(length, buffer.remaining());
            buffer.get(target, offset, count);
            return count;
        }
    }
}
