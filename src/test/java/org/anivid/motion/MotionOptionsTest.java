package org.anivid.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MotionOptionsTest {
    @Test
    void regionsParseLikeDvrScanRegions() {
        List<int[]> p = MotionOptions.parseRoi("631,532 841,532 841,659 631,659");
        assertThat(p).containsExactly(new int[] {631, 532}, new int[] {841, 532}, new int[] {841, 659},
                new int[] {631, 659});
        assertThat(MotionOptions.parseRoi("(1 2) [3,4] 5/6")).hasSize(3);
        assertThatThrownBy(() -> MotionOptions.parseRoi("1,2,3,4")).hasMessageContaining("at least 3 points");
        assertThatThrownBy(() -> MotionOptions.parseRoi("1,2,3,4,5")).hasMessageContaining("odd");
        assertThatThrownBy(() -> MotionOptions.parseRoi("1,2,3,x,5,6")).hasMessageContaining("non-integer");
    }

    @Test
    void badSettingsAreRejected() {
        MotionOptions o = MotionOptions.dvrScan();
        assertThatThrownBy(() -> o.withThreshold(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.withKernelSize(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.withKernelSize(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.withEvents(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.withDownscaleFactor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.withLearningRate(2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(o.withKernelSize(0).kernelSize()).isZero();
        assertThat(o.withKernelSize(9).kernelSize()).isEqualTo(9);
    }

    /** DVR-Scan's defaults are seconds, turned into frames by PySceneDetect's FrameTimecode (Python round). */
    @Test
    void defaultLengthsFollowFrameTimecode() {
        MotionOptions o = MotionOptions.dvrScan();
        assertThat(o.timePostEventFrames(25)).isEqualTo(50);
        assertThat(o.timePreEventFrames(25)).isEqualTo(38); // round(37.5) = 38 (half to even)
        assertThat(o.minEventLenFrames(25)).isEqualTo(2);   // round(2.5) = 2 (half to even)
        assertThat(o.timePostEventFrames(23.976)).isEqualTo(48);
        assertThat(o.withEvents(4, 0, 7).timePostEventFrames(25)).isEqualTo(7);
    }

    /** DVR-Scan's _recommended_kernel_size / _scale_kernel_size. */
    @Test
    void kernelSizesFollowDvrScan() {
        assertThat(MotionScorer.kernelSizeFor(-1, 1920, 1)).isEqualTo(7);
        assertThat(MotionScorer.kernelSizeFor(-1, 1280, 1)).isEqualTo(5);
        assertThat(MotionScorer.kernelSizeFor(-1, 1279, 1)).isEqualTo(3);
        assertThat(MotionScorer.kernelSizeFor(-1, 3840, 1)).isEqualTo(7);
        // 4K at factor 2 is 1920 wide: still 7; at factor 4 it is 960: 3.
        assertThat(MotionScorer.kernelSizeFor(-1, 1920, 2)).isEqualTo(7);
        assertThat(MotionScorer.kernelSizeFor(-1, 960, 4)).isEqualTo(3);
        assertThat(MotionScorer.kernelSizeFor(7, 1920, 1)).isEqualTo(7);
        assertThat(MotionScorer.kernelSizeFor(11, 960, 2)).isEqualTo(5);  // round(5.5) = 6 -> odd 5
        assertThat(MotionScorer.kernelSizeFor(9, 960, 2)).isEqualTo(3);   // round(4.5) = 4 -> 3
        assertThat(MotionScorer.kernelSizeFor(5, 320, 4)).isEqualTo(3);   // never below 3
        assertThat(MotionScorer.kernelSizeFor(0, 320, 1)).isZero();
        assertThat(MotionScorer.kernelSizeFor(1, 320, 1)).isZero();
    }

    @Test
    void curationUsesThePapersThresholdWithCompensation() {
        MotionOptions c = MotionOptions.curation();
        assertThat(c.threshold()).isEqualTo(0.35);
        assertThat(c.compensateCameraMotion()).isTrue();
        assertThat(c.learningRate()).isEqualTo(1.0 / 500);
        assertThat(MotionOptions.dvrScan().learningRate()).isEqualTo(MotionOptions.AUTO_LEARNING_RATE);
    }
}
