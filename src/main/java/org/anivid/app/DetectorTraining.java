package org.anivid.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anivid.core.BoundingBox;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.VideoFrame;
import org.anivid.faces.data.LabelledImage;
import org.anivid.faces.data.PseudoLabeller;
import org.anivid.faces.data.SyntheticSet;
import org.anivid.jobs.JobContext;
import org.anivid.library.Library;
import org.anivid.media.FrameSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training data of the studio's own face detector, from the three sources of issue 9: generated anime faces with
 * exact boxes, pseudo-labels where the teacher detectors agree on real frames, and every frame of the library on
 * which the animator drew or corrected a box. The validation split is generated from seeds that training never uses.
 */
public final class DetectorTraining {
    private static final Logger LOG = LoggerFactory.getLogger(DetectorTraining.class);

    private DetectorTraining() {
    }

    /** What to gather. */
    public record Sources(int synthetic, int validation, int width, int height, List<Path> pseudoLabelInputs,
            Library library) {
    }

    /** The gathered pictures. */
    public record Data(List<LabelledImage> train, List<LabelledImage> validation, int synthetic, int pseudo,
            int manual) {
    }

    public static Data gather(Sources sources, JobContext context) {
        List<LabelledImage> train = new ArrayList<>();
        context.message("drawing " + sources.synthetic() + " synthetic anime faces");
        train.addAll(SyntheticSet.training(0, sources.synthetic(), sources.width(), sources.height()));
        int pseudo = 0;
        if (!sources.pseudoLabelInputs().isEmpty()) {
            context.message("pseudo-labelling " + sources.pseudoLabelInputs().size() + " files with the teachers");
            try (PseudoLabeller teachers = PseudoLabeller.open(PseudoLabeller.Options.defaults())) {
                List<LabelledImage> labelled = teachers.label(sources.pseudoLabelInputs());
                pseudo = labelled.size();
                train.addAll(labelled);
            }
        }
        int manual = 0;
        if (sources.library() != null) {
            List<LabelledImage> corrected = manualLabels(sources.library(), context);
            manual = corrected.size();
            train.addAll(corrected);
        }
        List<LabelledImage> validation = SyntheticSet.validation(sources.validation(), sources.width(),
                sources.height());
        LOG.info("detector data: {} synthetic, {} pseudo-labelled, {} corrected frames; {} validation", sources
                .synthetic(), pseudo, manual, validation.size());
        return new Data(train, validation, sources.synthetic(), pseudo, manual);
    }

    /**
     * Every frame of the library with a box the animator drew or corrected, labelled with all boxes on that frame
     * (the animator looked at it, so its other boxes are taken as confirmed).
     */
    public static List<LabelledImage> manualLabels(Library library, JobContext context) {
        List<LabelledImage> out = new ArrayList<>();
        for (Episode episode : library.episodes().list()) {
            if (!Files.isRegularFile(episode.path())) {
                continue;
            }
            Map<Integer, List<FaceBox>> byFrame = new TreeMap<>();
            for (FaceBox box : library.faces().boxes(episode.id(), new FrameRange(0, Integer.MAX_VALUE))) {
                byFrame.computeIfAbsent(box.frame(), f -> new ArrayList<>()).add(box);
            }
            byFrame.values().removeIf(boxes -> boxes.stream().noneMatch(FaceBox::manual));
            if (byFrame.isEmpty()) {
                continue;
            }
            context.message("reading " + byFrame.size() + " corrected frames of " + episode.path().getFileName());
            try (FrameSource frames = FrameSource.open(episode.path())) {
                for (Map.Entry<Integer, List<FaceBox>> e : byFrame.entrySet()) {
                    context.checkCancelled();
                    VideoFrame frame = frames.frame(e.getKey());
                    List<BoundingBox> boxes = e.getValue().stream().map(FaceBox::box).toList();
                    out.add(new LabelledImage(frame.image(), boxes, "manual:" + episode.id() + "#" + e.getKey())
                            .clippedToImage(2));
                }
            }
        }
        return out;
    }
}
