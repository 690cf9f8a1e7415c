package org.anivid.dataset;

import java.util.List;
import org.anivid.core.Clip;
import org.anivid.core.FaceBox;

/**
 * The square crop windows the export will cut a clip with, one per frame of the clip, computed exactly as the export
 * does (same face choice, same size rule, same smoothing) so the studio can show the animator the crop before
 * exporting. Pure.
 */
public final class ExportCrops {
    private ExportCrops() {
    }

    /**
     * @param boxesInRange the stored face boxes on the clip's frames (any order, any track)
     * @return one window per frame of the clip, or an empty list when no frame of the clip has a face box
     */
    public static List<CropTrack.Window> windows(Clip clip, List<FaceBox> boxesInRange, double fps, double margin) {
        ClipFaces faces = ClipFaces.select(clip.range(), clip.trackId(), boxesInRange);
        if (faces.framesWithBox() == 0) {
            return List.of();
        }
        return CropTrack.compute(faces.perFrame(), margin, CropTrack.sigmaFrames(fps));
    }
}
