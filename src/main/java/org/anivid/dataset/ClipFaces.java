package org.anivid.dataset;

import java.util.ArrayList;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;

/**
 * The one face box per frame that a clip is cropped around. Pure.
 *
 * <p>Boxes of the clip's track are used when the clip has a track and the track has boxes in range; otherwise
 * every box in range is a candidate. On a frame with several candidates, a box a person drew or moved wins over
 * detections, and among equals the one overlapping the previous frame's choice most (the first frame takes the
 * largest): one face followed, not a crop that hops between two characters.
 *
 * @param perFrame one entry per frame of the range, null where no box is known
 * @param framesWithBox frames of the range that have a box
 * @param manualBoxes boxes among them that a person drew or moved
 */
record ClipFaces(List<BoundingBox> perFrame, int framesWithBox, int manualBoxes) {

    static ClipFaces select(FrameRange range, long trackId, List<FaceBox> boxesInRange) {
        List<FaceBox> candidates = boxesInRange;
        if (trackId != 0) {
            List<FaceBox> ofTrack = boxesInRange.stream().filter(b -> b.trackId() == trackId).toList();
            if (!ofTrack.isEmpty()) {
                candidates = ofTrack;
            }
        }
        List<List<FaceBox>> byFrame = new ArrayList<>();
        for (int i = 0; i < range.length(); i++) {
            byFrame.add(new ArrayList<>());
        }
        for (FaceBox b : candidates) {
            if (range.contains(b.frame())) {
                byFrame.get(b.frame() - range.start()).add(b);
            }
        }
        List<BoundingBox> chosen = new ArrayList<>(range.length());
        BoundingBox previous = null;
        int withBox = 0;
        int manual = 0;
        for (List<FaceBox> onFrame : byFrame) {
            FaceBox best = null;
            for (FaceBox b : onFrame) {
                if (best == null || better(b, best, previous)) {
                    best = b;
                }
            }
            chosen.add(best == null ? null : best.box());
            if (best != null) {
                withBox++;
                manual += best.manual() ? 1 : 0;
                previous = best.box();
            }
        }
        return new ClipFaces(java.util.Collections.unmodifiableList(chosen), withBox, manual);
    }

    private static boolean better(FaceBox a, FaceBox b, BoundingBox previous) {
        if (a.manual() != b.manual()) {
            return a.manual();
        }
        if (previous != null) {
            float ia = a.box().iou(previous);
            float ib = b.box().iou(previous);
            if (ia != ib) {
                return ia > ib;
            }
        }
        return a.box().area() > b.box().area();
    }
}
