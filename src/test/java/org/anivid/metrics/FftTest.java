package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FftTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8, 12, 45, 64, 100})
    void matchesTheDirectDftAndInverts(int n) {
        Random r = new Random(n);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = r.nextDouble() * 255;
            im[i] = r.nextDouble() - 0.5;
        }
        double[] fr = re.clone();
        double[] fi = im.clone();
        Fft fft = new Fft(n);
        fft.forward(fr, fi);
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * ((long) j * k % n) / n;
                sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
                si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
            }
            assertThat(fr[k]).isCloseTo(sr, within(1e-9));
            assertThat(fi[k]).isCloseTo(si, within(1e-9));
        }
        fft.inverse(fr, fi);
        for (int i = 0; i < n; i++) {
            assertThat(fr[i]).isCloseTo(re[i], within(1e-10));
            assertThat(fi[i]).isCloseTo(im[i], within(1e-10));
        }
    }
}
