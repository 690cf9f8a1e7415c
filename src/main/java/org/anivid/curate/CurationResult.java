package org.anivid.curate;

import java.util.List;

/**
 * What curation made of an episode: the proposals and the rejected runs, each list in frame order. Together they
 * tile every frame of every shot exactly once (frames of a zero-length shot or outside every shot appear in neither),
 * so every frame has a recorded reason.
 */
public record CurationResult(List<Proposal> proposals, List<RejectedRun> rejected) {
    public CurationResult {
        proposals = List.copyOf(proposals);
        rejected = List.copyOf(rejected);
    }

    /** Frames inside proposals. */
    public int proposedFrames() {
        int sum = 0;
        for (Proposal p : proposals) {
            sum += p.range().length();
        }
        return sum;
    }

    /** Frames rejected for one reason. */
    public int rejectedFrames(RejectReason reason) {
        int sum = 0;
        for (RejectedRun r : rejected) {
            if (r.reason() == reason) {
                sum += r.range().length();
            }
        }
        return sum;
    }
}
