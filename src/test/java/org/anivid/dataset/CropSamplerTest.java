package org.anivid.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

class CropSamplerTest {
    private static RgbImage noise(int width, int height, long seed) {
        byte[] pixels = new byte[width * height * 3];
        new Random(seed).nextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    private static RgbImage flat(int width, int height, int value) {
        byte[] pixels = new byte[width * height * 3];
        java.util.Arrays.fill(pixels, (byte) value);
        return new RgbImage(width, height, pixels);
    }

    @Test
    void anAlignedWindowAtScaleOneIsAnExactCopy() {
        RgbImage picture = noise(120, 90, 1);
        RgbImage crop = CropSampler.sample(picture, new CropTrack.Window(10 + 32, 20 + 32, 64), 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                assertThat(crop.rgb(x, y)).isEqualTo(picture.rgb(10 + x, 20 + y));
            }
        }
    }

    @Test
    void outsideThePictureIsBlackAndTheInsideIsNeitherShiftedNorSquashed() {
        RgbImage picture = noise(100, 100, 2);
        // Window [-32, 32) × [10, 74): its left half lies outside the picture.
        RgbImage crop = CropSampler.sample(picture, new CropTrack.Window(0, 42, 64), 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 32; x++) {
                assertThat(crop.rgb(x, y)).as("padding at %d,%d", x, y).isZero();
            }
            for (int x = 32; x < 64; x++) {
                assertThat(crop.rgb(x, y)).isEqualTo(picture.rgb(x - 32, 10 + y));
            }
        }
    }

    @Test
    void shrinkingAveragesInsteadOfAliasing() {
        // A one-pixel checkerboard shrunk 4× must come out mid-grey, not a moiré of black and white.
        byte[] pixels = new byte[64 * 64 * 3];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                java.util.Arrays.fill(pixels, (y * 64 + x) * 3, (y * 64 + x) * 3 + 3, (byte) ((x + y) % 2 == 0 ? 255 : 0));
            }
        }
        RgbImage crop = CropSampler.sample(new RgbImage(64, 64, pixels), new CropTrack.Window(32, 32, 64), 16);
        for (int y = 2; y < 14; y++) {
            for (int x = 2; x < 14; x++) {
                assertThat(crop.pixels()[(y * 16 + x) * 3] & 0xff).isBetween(120, 135);
            }
        }
    }

    @Test
    void aFlatPictureStaysFlatAtAnyScaleAndSubPixelOffset() {
        RgbImage picture = flat(300, 200, 200);
        for (double side : new double[] {37.3, 64, 150.7}) {
            RgbImage crop = CropSampler.sample(picture, new CropTrack.Window(150.25, 100.6, side), 48);
            for (byte b : crop.pixels()) {
                assertThat(b & 0xff).isEqualTo(200);
            }
        }
    }

    @Test
    void halfPixelShiftBlendsNeighbours() {
        byte[] pixels = new byte[4 * 1 * 3];
        pixels[3] = (byte) 100;
        pixels[4] = (byte) 100;
        pixels[5] = (byte) 100;
        RgbImage picture = new RgbImage(4, 1, pixels);
        // Output pixel centred between source pixels 0 and 1 (the window is 1×1 px at scale one).
        RgbImage crop = CropSampler.sample(picture, new CropTrack.Window(1.0, 0.5, 1), 1);
        assertThat(crop.pixels()[0] & 0xff).isEqualTo(50);
    }
}
