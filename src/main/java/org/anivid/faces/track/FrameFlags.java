package org.anivid.faces.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.anivid.core.FrameRange;

/**
 * One {@link FrameFlag} per frame of a range, stored as one byte per frame (40 kB for a 40,000-frame episode).
 * Immutable.
 */
public final class FrameFlags {
    private final int firstFrame;
    private final byte[] codes;

    private FrameFlags(int firstFrame, byte[] codes) {
        this.firstFrame = firstFrame;
        this.codes = codes;
    }

    /** Flags from their stored {@link FrameFlag#code() codes}, the first for {@code firstFrame}. */
    public static FrameFlags fromBytes(int firstFrame, byte[] codes) {
        byte[] copy = codes.clone();
        for (byte code : copy) {
            FrameFlag.fromCode(code); // rejects unknown codes now rather than on first read
        }
        new FrameRange(firstFrame, firstFrame + copy.length); // validates the range
        return new FrameFlags(firstFrame, copy);
    }

    /** Takes ownership of already validated codes. */
    static FrameFlags wrap(int firstFrame, byte[] codes) {
        return new FrameFlags(firstFrame, codes);
    }

    public FrameRange frames() {
        return new FrameRange(firstFrame, firstFrame + codes.length);
    }

    public FrameFlag flag(int frame) {
        return FrameFlag.fromCode(codes[index(frame)]);
    }

    public FaceCount faceCount(int frame) {
        return flag(frame).faceCount();
    }

    /** The flags' codes, one byte per frame from {@code frames().start()}: a copy, for storage. */
    public byte[] toBytes() {
        return codes.clone();
    }

    public FrameFlag[] toArray() {
        FrameFlag[] out = new FrameFlag[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = FrameFlag.fromCode(codes[i]);
        }
        return out;
    }

    public int count(FrameFlag flag) {
        int n = 0;
        for (byte code : codes) {
            n += code == flag.code() ? 1 : 0;
        }
        return n;
    }

    /** The flags as runs of equal flags, in frame order, covering the whole range. */
    public List<FlagRun> runs() {
        List<FlagRun> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= codes.length; i++) {
            if (i == codes.length || codes[i] != codes[start]) {
                FrameRange range = new FrameRange(firstFrame + start, firstFrame + i);
                runs.add(new FlagRun(range, FrameFlag.fromCode(codes[start])));
                start = i;
            }
        }
        return runs;
    }

    private int index(int frame) {
        int i = frame - firstFrame;
        if (i < 0 || i >= codes.length) {
            throw new IndexOutOfBoundsException("frame " + frame + " is outside " + frames());
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameFlags other && other.firstFrame == firstFrame && Arrays.equals(other.codes, codes);
    }

    @Override
    public int hashCode() {
        return 31 * firstFrame + Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        return "FrameFlags" + frames() + runs();
    }
}
