package org.anivid.faces.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.anivid.core.BoundingBox;
import org.anivid.core.RgbImage;
import org.anivid.faces.data.LabelledImage;
import org.junit.jupiter.api.Test;

/** Mosaic, scale-and-crop, HSV and flips keep boxes on what they label, and are a function of (index, seed). */
class AugmenterTest {
    /** Dark pictures of various sizes, each with pure red rectangles whose boxes are exact. */
    private static List<LabelledImage> redRectangles() {
        SplittableRandom r = new SplittableRandom(1);
        List<LabelledImage> out = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            int w = 80 + r.nextInt(120);
            int h = 80 + r.nextInt(120);
            byte[] px = new byte[w * h * 3];
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) (20 + r.nextInt(40)); // dark grey-ish noise, never red
            }
            List<BoundingBox> boxes = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                int bw = 20 + r.nextInt(20);
                int bh = 20 + r.nextInt(20);
                int x = r.nextInt(w - bw);
                int y = r.nextInt(h - bh);
                if (!boxes.isEmpty() && boxes.get(0).iou(new BoundingBox(x - 2, y - 2, x + bw + 2, y + bh + 2)) > 0) {
                    continue;
                }
                for (int yy = y; yy < y + bh; yy++) {
                    for (int xx = x; xx < x + bw; xx++) {
                        int i = (yy * w + xx) * 3;
                        px[i] = (byte) 250;
                        px[i + 1] = 0;
                        px[i + 2] = 0;
                    }
                }
                boxes.add(new BoundingBox(x, y, x + bw, y + bh));
            }
            out.add(new LabelledImage(new RgbImage(w, h, px), boxes, "test#" + n));
        }
        return out;
    }

    private static boolean red(RgbImage img, int x, int y) {
        int c = img.rgb(x, y);
        return (c >> 16 & 0xff) > 150 && (c >> 8 & 0xff) < 60 && (c & 0xff) < 60;
    }

    @Test
    void boxesStayOnTheirContentThroughMosaicScaleCropAndFlip() {
        TrainFacesOptions options = TrainFacesOptions.builder().inputSize(128).mosaic(1).scale(0.5).translate(0.1)
                .flipLr(0.5).hsv(0, 0, 0).build();
        Augmenter augmenter = new Augmenter(redRectangles(), 128, options);
        int checked = 0;
        for (int i = 0; i < 12; i++) {
            Augmenter.Sample s = augmenter.sample(i, new SplittableRandom(100 + i));
            assertThat(s.image().width()).isEqualTo(128);
            assertThat(s.image().height()).isEqualTo(128);
            for (BoundingBox b : s.boxes()) {
                assertThat(b.x1()).isGreaterThanOrEqualTo(0);
                assertThat(b.x2()).isLessThanOrEqualTo(128);
                assertThat(b.width()).isGreaterThan(2);
                int inside = 0;
                int redInside = 0;
                // Inside the box, one pixel in from each edge (bilinear sampling blurs the border).
                for (int y = (int) Math.ceil(b.y1()) + 1; y < (int) b.y2() - 1; y++) {
                    for (int x = (int) Math.ceil(b.x1()) + 1; x < (int) b.x2() - 1; x++) {
                        inside++;
                        if (red(s.image(), x, y)) {
                            redInside++;
                        }
                    }
                }
                if (inside > 0) {
                    assertThat((double) redInside / inside).as("box %s of sample %d", b, i).isGreaterThan(0.95);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void aSampleIsAFunctionOfItsIndexAndGenerator() {
        TrainFacesOptions options = TrainFacesOptions.defaults().toBuilder().inputSize(128).build();
        Augmenter augmenter = new Augmenter(redRectangles(), 128, options);
        Augmenter.Sample a = augmenter.sample(3, new SplittableRandom(42));
        Augmenter.Sample b = new Augmenter(redRectangles(), 128, options).sample(3, new SplittableRandom(42));
        Augmenter.Sample c = augmenter.sample(3, new SplittableRandom(43));
        assertThat(b.image().pixels()).isEqualTo(a.image().pixels());
        assertThat(b.boxes()).isEqualTo(a.boxes());
        assertThat(c.image().pixels()).isNotEqualTo(a.image().pixels());
    }

    @Test
    void withoutAugmentationThePictureIsLetterboxedCentred() {
        Augmenter augmenter = new Augmenter(redRectangles(), 128,
                TrainFacesOptions.builder().inputSize(128).noAugmentation().build());
        LabelledImage src = redRectangles().get(0);
        Augmenter.Sample s = augmenter.sample(0, new SplittableRandom(1));
        double scale = 128.0 / Math.max(src.image().width(), src.image().height());
        BoundingBox b0 = src.boxes().get(0);
        BoundingBox b = s.boxes().get(0);
        assertThat((double) b.width()).isCloseTo(b0.width() * scale, org.assertj.core.api.Assertions.within(1.0));
        assertThat(red(s.image(), (int) ((b.x1() + b.x2()) / 2), (int) ((b.y1() + b.y2()) / 2))).isTrue();
    }

    @Test
    void flippingMirrorsPixelsAndBoxes() {
        RgbImage img = RgbImage.blank(128, 64);
        img.pixels()[(5 * 128 + 10) * 3] = (byte) 255;
        Augmenter.Sample flipped = Augmenter.flip(new Augmenter.Sample(img, List.of(new BoundingBox(10, 20, 30, 40))));
        assertThat(flipped.boxes()).containsExactly(new BoundingBox(98, 20, 118, 40));
        assertThat(flipped.image().rgb(117, 5)).isEqualTo(0xff0000);
        assertThat(flipped.image().rgb(10, 5)).isZero();
    }

    @Test
    void hsvJitterKeepsGreysGreyAndValueJitterKeepsHue() {
        Augmenter value = new Augmenter(List.of(), 64, TrainFacesOptions.builder().inputSize(64).hsv(0, 0, 0.4).build());
        Augmenter all = new Augmenter(List.of(), 64, TrainFacesOptions.builder().inputSize(64).hsv(0.015, 0.7, 0.4)
                .build());
        byte[] px = {(byte) 200, 0, 0, 90, 90, 90};
        RgbImage img = new RgbImage(2, 1, px.clone());
        value.hsv(img, new SplittableRandom(7));
        assertThat(img.rgb(0, 0) & 0x00ffff).isZero();      // still pure red
        assertThat(img.rgb(0, 0) >> 16).isNotEqualTo(200);  // another brightness
        RgbImage grey = new RgbImage(2, 1, px.clone());
        all.hsv(grey, new SplittableRandom(8));
        int g = grey.rgb(1, 0);
        assertThat(g >> 16 & 0xff).isEqualTo(g >> 8 & 0xff).isEqualTo(g & 0xff);
    }
}
