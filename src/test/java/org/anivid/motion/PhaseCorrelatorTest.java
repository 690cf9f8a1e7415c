package org.anivid.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.createHanningWindow;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.anivid.core.RgbImage;
import org.anivid.media.Natives;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/** Translation between crops of a drawn demo frame, where the true shift is known. */
class PhaseCorrelatorTest {
    private static Mat gray(RgbImage img) {
        try (Mat rgb = new Mat(img.height(), img.width(), CV_8UC3); Mat g = new Mat()) {
            rgb.data().put(img.pixels());
            cvtColor(rgb, g, COLOR_RGB2GRAY);
            Mat f = new Mat();
            g.convertTo(f, CV_32F);
            return f;
        }
    }

    @Test
    void integerAndHalfPixelShiftsAreMeasuredToAFewHundredths() {
        Natives.load();
        RgbImage still = Footage.generator().renderFrame(Footage.STILL_FRAME);
        try (PhaseCorrelator pc = new PhaseCorrelator();
             Mat window = new Mat();
             Size size = new Size(320, 240);
             Mat a = gray(Footage.crop(still, 100, 60, 320, 240));
             Mat sa = new Mat();
             Mat sb = new Mat()) {
            createHanningWindow(window, size, CV_32F);
            pc.spectrum(a, window, sa);
            int[][] shifts = {{0, 0}, {-3, 0}, {7, 0}, {0, 5}, {-12, -9}};
            for (int[] d : shifts) {
                // Content moves by d when the crop window moves by -d.
                try (Mat b = gray(Footage.crop(still, 100 - d[0], 60 - d[1], 320, 240))) {
                    pc.spectrum(b, window, sb);
                    double[] est = pc.shift(sa, sb);
                    assertThat(est[0]).as("dx for %s", d[0]).isCloseTo(d[0], within(0.05));
                    assertThat(est[1]).as("dy for %s", d[1]).isCloseTo(d[1], within(0.05));
                    assertThat(est[2]).isGreaterThan(0.3);
                }
            }
            // Half-pixel shift: h(x) = (p(x) + p(x + 1)) / 2 shows p's content half a pixel to the left.
            RgbImage wide = Footage.crop(still, 100, 60, 321, 240);
            try (Mat h = gray(halfShift(wide, 0))) {
                pc.spectrum(h, window, sb);
                double[] est = pc.shift(sa, sb);
                assertThat(est[0]).isCloseTo(-0.5, within(0.05));
                assertThat(est[1]).isCloseTo(0, within(0.05));
            }
        }
    }

    /** 320×240 picture whose column x averages columns x+k and x+k+1 of a 321-wide source (k = 0 or 1). */
    private static RgbImage halfShift(RgbImage src, int k) {
        int w = 320;
        int h = src.height();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int x1 = Math.min(src.width() - 1, x + k);
                    int x2 = Math.min(src.width() - 1, x + k + 1);
                    int v = ((src.pixels()[(y * src.width() + x1) * 3 + c] & 0xff)
                            + (src.pixels()[(y * src.width() + x2) * 3 + c] & 0xff) + 1) / 2;
                    out[(y * w + x) * 3 + c] = (byte) v;
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
