package org.anivid.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.geom.AffineTransform;
import org.anivid.core.BoundingBox;
import org.junit.jupiter.api.Test;

/** The synthetic faces' boxes follow the demo truth's convention (forehead hairline to chin, ear to ear). */
class SyntheticFacesBoxTest {
    private static AffineTransform at(double cx, double cy, double unit) {
        AffineTransform t = AffineTransform.getTranslateInstance(cx, cy);
        t.scale(unit, unit);
        return t;
    }

    @Test
    void theDemoFaceDrawnUprightGetsExactlyTheDemoTruthBox() {
        for (AnimeCharacter c : AnimeCharacter.values()) {
            DemoScript.FacePose pose = new DemoScript.FacePose(c, 320, 175, 80, DemoScript.Mouth.OPEN,
                    DemoScript.Eyes.OPEN, true);
            double[] truth = pose.box();
            BoundingBox box = SyntheticFaces.faceBox(c.look().geometry(), at(320, 175, 80), 640, 360);
            assertThat(box.x1()).isCloseTo((float) truth[0], within(1e-3f));
            assertThat(box.y1()).isCloseTo((float) truth[1], within(1e-3f));
            assertThat(box.x2()).isCloseTo((float) truth[2], within(1e-3f));
            assertThat(box.y2()).isCloseTo((float) truth[3], within(1e-3f));
        }
    }

    @Test
    void turnedTiltedAndCutFacesGetTheBoundsOfWhatTheyShow() {
        FaceLook.Geometry g = AnimeCharacter.A.look().geometry();
        // Tilted by 90°: the box is the upright box turned, [-1.2, -0.95] – [1.0, 0.95] around the centre.
        AffineTransform turned = at(100, 100, 10);
        turned.rotate(Math.PI / 2);
        BoundingBox b = SyntheticFaces.faceBox(g, turned, 640, 360);
        assertThat(b.x1()).isCloseTo(100 - 12f, within(1e-3f));
        assertThat(b.x2()).isCloseTo(100 + 10f, within(1e-3f));
        assertThat(b.y1()).isCloseTo(100 - 9.5f, within(1e-3f));
        assertThat(b.y2()).isCloseTo(100 + 9.5f, within(1e-3f));
        // A hidden right ear: the right edge is the cheek (0.92), not the ear (0.95).
        FaceLook.Geometry noEar = new FaceLook.Geometry(1, 1, 1, 0.42, 0.12, 1, 1, 1, 1, 0, 0, true, false, 1,
                g.bangTips(), 1.5, false, false, true, 1);
        assertThat(SyntheticFaces.faceBox(noEar, at(100, 100, 10), 640, 360).x2()).isCloseTo(109.2f, within(1e-3f));
        // Cut by the picture's border: clipped.
        BoundingBox cut = SyntheticFaces.faceBox(g, at(5, 350, 20), 640, 360);
        assertThat(cut.x1()).isZero();
        assertThat(cut.y2()).isEqualTo(360f);
        assertThat(cut.x2()).isCloseTo(5 + 19f, within(1e-3f));
        assertThat(cut.y1()).isCloseTo(330f, within(1e-3f));
    }
}
