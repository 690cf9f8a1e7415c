package org.anivid.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.anivid.core.RgbImage;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Per-frame work allocates nothing that outlives the frame: the number of live JavaCPP pointers (Mats, headers,
 * spectra, indexers) stays flat over a long compensated pan with model hand-overs, and drops back after close.
 */
class NativeResourceTest {
    @Test
    void noNativeObjectsPileUpPerFrame() {
        List<RgbImage> pan = Footage.panOverStill(50, 3);
        List<RgbImage> frames = new ArrayList<>(pan);
        for (int i = pan.size() - 1; i >= 0; i--) {
            frames.add(pan.get(i)); // and back: several anchors and hand-overs
        }
        // Load the native libraries and their static objects first.
        try (MotionScorer warm = new MotionScorer(MotionOptions.curation(), Footage.W, Footage.H, 24)) {
            warm.accept(0, frames.get(0));
            warm.accept(1, frames.get(1));
        }
        long before = Pointer.totalCount();
        long afterWarmUp;
        try (MotionScorer scorer = new MotionScorer(MotionOptions.curation()
                .withRoi(MotionOptions.parseRoi("20,20 400,30 300,250")), Footage.W, Footage.H, 24, 8)) {
            for (int i = 0; i < 20; i++) {
                scorer.accept(i, frames.get(i));
            }
            afterWarmUp = Pointer.totalCount();
            int index = 20;
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < frames.size(); i++) {
                    scorer.accept(index++, frames.get(i));
                    if (i == 50) {
                        scorer.cut(index - 3);
                    }
                }
            }
            // Models are replaced at hand-overs and cuts: the count may move by a model or two, not by frames.
            assertThat(Pointer.totalCount() - afterWarmUp).isLessThan(20);
            scorer.finish();
        }
        assertThat(Pointer.totalCount() - before).isLessThan(10);
    }
}
