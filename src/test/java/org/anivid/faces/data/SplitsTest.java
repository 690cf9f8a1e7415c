package org.anivid.faces.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

/** Hold-out splits: whole sources per side, about the fraction asked, the same for the same seed. */
class SplitsTest {
    private static final RgbImage PIXEL = RgbImage.blank(2, 2);

    /** 12 videos of 3–30 frames, 40 synthetic pictures, 5 silver pictures. */
    private static List<LabelledImage> mixed() {
        List<LabelledImage> images = new ArrayList<>();
        Random r = new Random(3);
        for (int v = 0; v < 12; v++) {
            int frames = 3 + r.nextInt(28);
            for (int f = 0; f < frames; f++) {
                images.add(new LabelledImage(PIXEL, List.of(), "pseudo:/anime/ep" + v + ".mkv#" + (f * 10)));
            }
        }
        for (int s = 0; s < 40; s++) {
            images.add(new LabelledImage(PIXEL, List.of(), "synthetic:" + s));
        }
        for (int m = 0; m < 5; m++) {
            images.add(new LabelledImage(PIXEL, List.of(), "manual:7#" + (100 + m)));
        }
        return images;
    }

    @Test
    void sourcesAreWhatPrecedesTheFrameNumber() {
        assertThat(LabelledImage.sourceOf("pseudo:/a/b#c.mkv#120")).isEqualTo("pseudo:/a/b#c.mkv");
        assertThat(LabelledImage.sourceOf("manual:7#3")).isEqualTo("manual:7");
        assertThat(LabelledImage.sourceOf("synthetic:42")).isEqualTo("synthetic:42");
        assertThat(LabelledImage.sourceOf("file:x#y")).isEqualTo("file:x#y");
        assertThat(LabelledImage.sourceOf("file:x#")).isEqualTo("file:x#");
    }

    @Test
    void noSourceEverLandsOnBothSides() {
        List<LabelledImage> images = mixed();
        for (long seed = 0; seed < 20; seed++) {
            for (double fraction : new double[] {0.1, 0.2, 0.5}) {
                Splits.Split split = Splits.holdOut(images, fraction, seed);
                assertThat(split.train().size() + split.validation().size()).isEqualTo(images.size());
                Set<String> trainSources = new HashSet<>();
                split.train().forEach(i -> trainSources.add(i.source()));
                for (LabelledImage v : split.validation()) {
                    assertThat(trainSources).as("seed %d fraction %s", seed, fraction).doesNotContain(v.source());
                }
                // At least the fraction, overshooting by less than the largest source (30 frames).
                assertThat(split.validation().size()).isBetween((int) Math.round(fraction * images.size()),
                        (int) Math.round(fraction * images.size()) + 30);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitWhateverTheInputOrder() {
        List<LabelledImage> images = mixed();
        Splits.Split a = Splits.holdOut(images, 0.25, 11);
        List<LabelledImage> shuffled = new ArrayList<>(images);
        Collections.shuffle(shuffled, new Random(5));
        Splits.Split b = Splits.holdOut(shuffled, 0.25, 11);
        assertThat(new HashSet<>(b.validation())).isEqualTo(new HashSet<>(a.validation()));
        // Each side keeps the input's order.
        assertThat(a.train()).isEqualTo(images.stream().filter(i -> !a.validation().contains(i)).toList());
        // Another seed holds out other sources.
        assertThat(new HashSet<>(Splits.holdOut(images, 0.25, 12).validation()))
                .isNotEqualTo(new HashSet<>(a.validation()));
    }

    @Test
    void pictureOriginsWithoutAFrameSplitOneByOne() {
        List<LabelledImage> plain = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            plain.add(new LabelledImage(PIXEL, List.of(), "synthetic"));
        }
        assertThat(Splits.holdOut(plain, 0.3, 1).validation()).hasSize(3);
        assertThat(Splits.holdOut(plain, 0, 1).validation()).isEmpty();
        assertThat(Splits.holdOut(plain, 1, 1).train()).isEmpty();
        assertThat(Splits.holdOut(List.of(), 0.5, 1).validation()).isEmpty();
        assertThatThrownBy(() -> Splits.holdOut(plain, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Splits.holdOut(plain, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
