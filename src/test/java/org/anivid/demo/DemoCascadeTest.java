package org.anivid.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.core.VideoFrame;
import org.anivid.media.FrameSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stretch goal of the demo: its faces are faces to a real anime face detector. Runs nagadomi's LBP cascade
 * (test data, never in the repository) with its recommended settings on the decoded video and matches its
 * boxes to the truth at IoU ≥ 0.3.
 */
class DemoCascadeTest {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCascadeTest.class);

    static Path testData() {
        String env = System.getenv("ANIVID_TESTDATA");
        return env != null && !env.isBlank() ? Path.of(env) : DemoAssetTest.repo().resolve("../shared/testdata");
    }

    @Test
    void theLbpAnimeFaceCascadeFindsTheFaces() {
        Path model = testData().resolve("models/lbpcascade_animeface.xml");
        Assumptions.assumeTrue(Files.isRegularFile(model),
                () -> "skipped: no " + model + " (set ANIVID_TESTDATA to the shared test data folder)");
        GeneratedDemo demo = GeneratedDemo.get();
        DemoTruth truth = demo.truth;
        int oneFace = 0;
        int oneFaceFound = 0;
        int twoFaces = 0;
        int twoFacesFound = 0;
        List<Integer> missed = new ArrayList<>();
        try (org.anivid.faces.LbpCascadeDetector cascade = org.anivid.faces.LbpCascadeDetector.open(model, "lbp-anime");
             FrameSource source = FrameSource.open(demo.video)) {
            for (VideoFrame frame = source.next(); frame != null; frame = source.next()) {
                DemoTruth.FrameTruth ft = truth.frames().get(frame.index());
                if (frame.index() % 3 != 0 || ft.faces().isEmpty()) {
                    continue;
                }
                List<BoundingBox> found = cascade.detect(frame.image()).stream().map(d -> d.box()).toList();
                int matched = 0;
                for (DemoTruth.FaceTruth face : ft.faces()) {
                    BoundingBox box = face.boundingBox();
                    if (found.stream().anyMatch(d -> d.iou(box) >= 0.3f)) {
                        matched++;
                    }
                }
                if (ft.faces().size() == 1) {
                    oneFace++;
                    oneFaceFound += matched;
                    if (matched == 0) {
                        missed.add(frame.index());
                    }
                } else {
                    twoFaces += ft.faces().size();
                    twoFacesFound += matched;
                }
            }
        }
        double fraction = oneFaceFound / (double) oneFace;
        LOG.info("LBP anime-face cascade on the demo: {}/{} one-face frames found ({}), {}/{} faces on two-face"
                + " frames; missed one-face frames {}", oneFaceFound, oneFace, String.format("%.3f", fraction),
                twoFacesFound, twoFaces, missed);
        assertThat(oneFace).isGreaterThan(100);
        assertThat(fraction).as("fraction of one-face frames the cascade finds, missed %s", missed)
                .isGreaterThanOrEqualTo(0.9);
        assertThat(twoFacesFound / (double) twoFaces).isGreaterThanOrEqualTo(0.8);
    }
}
