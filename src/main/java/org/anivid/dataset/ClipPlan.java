package org.anivid.dataset;

import java.util.List;
import org.anivid.core.Clip;
import org.anivid.core.Episode;

/**
 * Everything decided about one clip before a pixel is written.
 *
 * @param seriesName the series as the library names it
 * @param name {@code <series>-<episode>#<clip>} (see {@link ClipNames})
 * @param groupKey what the split groups by ({@code episode:<hash>} or {@code series:<name>})
 * @param windows one crop window per frame of the clip, in source pixels
 * @param faceSource where the face track came from: {@code auto:<detector>}, {@code manual}, or {@code boxes}
 *     when the clip has no track and its frames' boxes were used
 * @param manualClip a person made the clip
 * @param fingerprint SHA-256 of everything the clip's pixels depend on: source content hash, frame range, crop
 *     windows, size, format and encoding, and the sampler version. Equal fingerprint, equal file.
 * @param relativePath where it lies in the export
 */
record ClipPlan(Clip clip, Episode episode, String seriesName, String name, Split split, String groupKey,
                ClipFaces faces, List<CropTrack.Window> windows, String faceSource, boolean manualClip,
                String fingerprint, String relativePath) {

    int frames() {
        return clip.range().length();
    }
}
