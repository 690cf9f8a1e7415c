package org.anivid.fomm.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

/** Pillow's arithmetic, worked by hand: float blends truncated to bytes, 16-bit luma, 8-bit HSV. */
class ColorJitterTest {

    private static byte[] px(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    private static int[] ints(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        return out;
    }

    @Test
    void brightnessBlendsWithBlackAndTruncates() {
        byte[] p = px(200, 100, 250);
        ColorJitter.brightness(p, 1.1f);
        // 200 × 1.1f = 220.0000048 → 220; 100 × 1.1f = 110.0000024 → 110; 250 × 1.1 = 275 → clipped to 255.
        assertThat(ints(p)).containsExactly(220, 110, 255);
        byte[] q = px(101, 0, 255);
        ColorJitter.brightness(q, 0.95f);
        // 101 × 0.95 = 95.95 is truncated to 95, not rounded to 96, as Pillow's cast does; 255 × 0.95 = 242.25.
        assertThat(ints(q)).containsExactly(95, 0, 242);
    }

    @Test
    void saturationBlendsWithThePixelsOwnLuma() {
        // luma = (200·19595 + 100·38470 + 50·7471 + 32768) >> 16 = 8172318 >> 16 = 124
        assertThat(ColorJitter.luma(200, 100, 50)).isEqualTo(124);
        byte[] p = px(200, 100, 50);
        ColorJitter.saturation(p, 1.1f);
        // 124 + 1.1·76 = 207.6 → 207; 124 − 1.1·24 = 97.6 → 97; 124 − 1.1·74 = 42.6 → 42
        assertThat(ints(p)).containsExactly(207, 97, 42);
        byte[] grey = px(90, 90, 90);
        ColorJitter.saturation(grey, 0.5f);
        assertThat(ints(grey)).containsExactly(90, 90, 90);
    }

    @Test
    void contrastBlendsWithTheRoundedMeanLuma() {
        // Lumas 0 and 255: mean 127.5, int(127.5 + 0.5) = 128.
        byte[] p = px(0, 0, 0, 255, 255, 255);
        ColorJitter.contrast(p, 0.9f);
        // 128 − 0.9·128 = 12.8 → 12; 128 + 0.9·127 = 242.3 → 242
        assertThat(ints(p)).containsExactly(12, 12, 12, 242, 242, 242);
    }

    @Test
    void hueShiftsPillowsHueByteWithWrapAround() {
        byte[] red = px(255, 0, 0);
        ColorJitter.hue(red, 0.1);
        // Red has hue byte 0; shift int(25.5) = 25: sector 0, f = 150/255, t = round(255·f) = 150.
        assertThat(ints(red)).containsExactly(255, 150, 0);
        byte[] red2 = px(255, 0, 0);
        ColorJitter.hue(red2, -0.1);
        // Shift int(−25.5) = −25 ≡ 231: sector 5, f = 111/255, q = round(255·(1 − f)) = 144 → (v, p, q).
        assertThat(ints(red2)).containsExactly(255, 0, 144);
        byte[] grey = px(77, 77, 77);
        ColorJitter.hue(grey, 0.3);
        assertThat(ints(grey)).containsExactly(77, 77, 77);
    }

    @Test
    void neutralFactorsLeaveEveryByteAlone() {
        RgbImage image = DataFixtures.frame(3, 5, 16, 16);
        Jitter neutral = new Jitter(1, 1, 1, 0, List.of(Jitter.Op.HUE, Jitter.Op.CONTRAST, Jitter.Op.BRIGHTNESS,
                Jitter.Op.SATURATION));
        assertThat(ColorJitter.apply(image, neutral).pixels()).isEqualTo(image.pixels());
    }

    @Test
    void orderMattersAndTheInputIsNotTouched() {
        RgbImage image = DataFixtures.frame(3, 5, 16, 16);
        byte[] before = image.pixels().clone();
        Jitter a = new Jitter(1.08, 0.93, 1.05, 0.07, List.of(Jitter.Op.BRIGHTNESS, Jitter.Op.SATURATION,
                Jitter.Op.HUE, Jitter.Op.CONTRAST));
        Jitter b = new Jitter(1.08, 0.93, 1.05, 0.07, List.of(Jitter.Op.CONTRAST, Jitter.Op.HUE,
                Jitter.Op.SATURATION, Jitter.Op.BRIGHTNESS));
        RgbImage ja = ColorJitter.apply(image, a);
        RgbImage jb = ColorJitter.apply(image, b);
        assertThat(image.pixels()).isEqualTo(before);
        assertThat(ja.pixels()).isNotEqualTo(before);
        assertThat(ja.pixels()).isNotEqualTo(jb.pixels());
    }
}
