package org.anivid.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.TestData;
import org.anivid.demo.DemoTruth;
import org.anivid.faces.track.FrameFlag;
import org.anivid.faces.track.Track;
import org.anivid.jobs.JobContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Faces through the bundled demo episode, whose exact faces and cuts are known. */
class VideoFacesTest {
    private static final Logger LOG = LoggerFactory.getLogger(VideoFacesTest.class);
    private static Path video;
    private static DemoTruth truth;
    private static List<Integer> cuts;

    @BeforeAll
    static void demo() {
        Path dir = TestData.repo().resolve("assets/demo");
        video = dir.resolve("demo.mp4");
        truth = DemoTruth.read(dir.resolve("truth.json"));
        cuts = new ArrayList<>();
        for (DemoTruth.ShotTruth s : truth.shots()) {
            if (s.start() > 0) {
                cuts.add(s.start());
            }
        }
    }

    static VideoFaces.Result run(String model, int stride) {
        try (FaceDetector detector = FaceModels.open(TestData.file("models/" + model).toString())) {
            return VideoFaces.detect(video, cuts, detector, VideoFaceOptions.defaults().withStride(stride),
                    JobContext.silent());
        }
    }

    /** Fraction of frames whose flag says what the truth says (one face vs not). */
    static double agreement(VideoFaces.Result r) {
        int same = 0;
        for (int i = 0; i < r.frames(); i++) {
            boolean truthOne = truth.frames().get(i).faces().size() == 1;
            boolean foundOne = r.flags().flag(i) == FrameFlag.ONE_FACE;
            if (truthOne == foundOne) {
                same++;
            }
        }
        return same / (double) r.frames();
    }

    @Test
    void tracksStayInsideShotsAndTheOneFaceRuleMatchesTheTruth() {
        VideoFaces.Result r = run("anime_faceboxes_epoch90.pth", 3);
        assertThat(r.frames()).isEqualTo(truth.frames().size());
        for (Track t : r.tracks()) {
            for (int cut : cuts) {
                assertThat(t.firstFrame() < cut && t.lastFrame() >= cut).as("track %s crosses cut %s", t, cut).isFalse();
            }
        }
        assertThat(r.detectedFrames()).isLessThan(r.frames() / 2);
        double agree = agreement(r);
        LOG.info("FaceBoxes, stride 3: {} tracks, flags {} / {} one-face, agreement with the truth {}", r.tracks().size(),
                r.flags().count(FrameFlag.ONE_FACE), truth.oneFaceFrames().size(), agree);
        assertThat(agree).isGreaterThan(0.95);
    }

    @Test
    void strideAndTrackingKeepTheFlagsOfDetectingEveryFrame() {
        VideoFaces.Result every = run("lbpcascade_animeface.xml", 1);
        VideoFaces.Result strided = run("lbpcascade_animeface.xml", 4);
        int same = 0;
        for (int i = 0; i < every.frames(); i++) {
            if (every.flags().flag(i) == strided.flags().flag(i)) {
                same++;
            }
        }
        LOG.info("LBP: stride 4 keeps {} of {} flags of stride 1; truth agreement {} / {}", same, every.frames(),
                agreement(every), agreement(strided));
        assertThat(strided.detectedFrames()).isLessThan(every.detectedFrames() / 3);
        assertThat(same / (double) every.frames()).isGreaterThan(0.95);
    }
}
