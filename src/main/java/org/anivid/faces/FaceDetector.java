package org.anivid.faces;

import java.util.List;
import org.anivid.core.RgbImage;
import org.anivid.faces.track.Detection;

/**
 * Finds anime faces on one picture. Boxes are in the picture's pixels (DESIGN.md §3), scores in [0, 1], best first.
 * An instance is used from one thread at a time (a DJL predictor is per thread); open one per worker.
 */
public interface FaceDetector extends AutoCloseable {
    /** The model's name as the user selects it ({@code faceboxes-anime}, {@code lbp-anime}, or a file name). */
    String name();

    List<Detection> detect(RgbImage image);

    /**
     * Keeps the detector to one core until the returned handle is closed, for passes where a decoder works on the
     * other one. Detectors without their own thread pool have nothing to do.
     */
    default OneCore oneCore() {
        return () -> { };
    }

    /** The scope of {@link #oneCore()}. */
    @FunctionalInterface
    interface OneCore extends AutoCloseable {
        @Override
        void close();

        /**
         * For detectors that run on libtorch: its OpenMP threads spin against a decoder's threads on 2 cores (see
         * {@link org.anivid.torch.TorchThreads}), so one thread; {@code -Danivid.videoTorchThreads=N} overrides it
         * for machines with more cores.
         */
        static OneCore libtorch() {
            org.anivid.torch.TorchThreads limit = org.anivid.torch.TorchThreads.limit(
                    Integer.getInteger("anivid.videoTorchThreads", 1));
            return limit::close;
        }
    }

    @Override
    void close();
}
