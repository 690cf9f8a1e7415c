package org.anivid.curate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.FrameRange;

/**
 * Keeps a person's decisions apart from automatic results. The policy, on top of what
 * {@code ClipStore.replaceProposals} already guarantees (it deletes only automatic clips still 'proposed', never a
 * clip a person made or decided, and skips exact duplicates of the ranges that stay):
 * <ul>
 * <li>A clip is a person's <em>decision</em> when its status is {@link ClipStatus#ACCEPTED} or
 *     {@link ClipStatus#REJECTED}, or when the caller says a person made it. Decisions are never replaced or
 *     edited here: this function only filters the new automatic proposals.</li>
 * <li>A new proposal is dropped when it overlaps a decision of the same episode substantially — frame-range IoU
 *     ≥ {@link #OVERLAP_IOU}, or lying wholly inside the decided range — so nobody is asked twice about the same
 *     stretch (after moving an in/out point by a few frames, or after re-running with other thresholds). A proposal
 *     that merely touches a decision, or holds a small decided clip inside much new material, stays.</li>
 * <li>Existing clips still 'proposed' that no person made are the previous automatic run, about to be replaced;
 *     they block nothing.</li>
 * </ul>
 * {@link Clip} does not carry the library's {@code manual} flag, so {@link #apply(List, List)} sees decisions by
 * status only; a caller that knows which clips a person made (and left undecided) passes that through
 * {@link #apply(List, List, Predicate)}.
 */
public final class ManualDecisions {
    /** Frame-range IoU from which a new proposal counts as the same stretch as a decided clip. */
    public static final double OVERLAP_IOU = 0.5;

    private ManualDecisions() {
    }

    /** The automatic proposals that ask about something new, given the episode's existing clips (by status). */
    public static List<Clip> apply(List<Clip> automatic, List<Clip> existing) {
        return apply(automatic, existing, clip -> false);
    }

    /**
     * The automatic proposals that ask about something new.
     *
     * @param automatic new proposals (typically {@link Curator#toClips})
     * @param existing the episode's clips as stored (decided, made by a person, or left from the last automatic run)
     * @param madeByPerson which existing clips a person made; they count as decisions whatever their status
     */
    public static List<Clip> apply(List<Clip> automatic, List<Clip> existing, Predicate<Clip> madeByPerson) {
        Objects.requireNonNull(madeByPerson, "madeByPerson");
        List<Clip> decisions = new ArrayList<>();
        for (Clip clip : existing) {
            if (isDecided(clip) || madeByPerson.test(clip)) {
                decisions.add(clip);
            }
        }
        List<Clip> kept = new ArrayList<>(automatic.size());
        for (Clip proposal : automatic) {
            if (!askedBefore(proposal, decisions)) {
                kept.add(proposal);
            }
        }
        return kept;
    }

    /** Whether a person decided on the clip (accepted or rejected it). */
    public static boolean isDecided(Clip clip) {
        return clip.status() != ClipStatus.PROPOSED;
    }

    /** Whether {@code proposal} covers the same stretch as {@code decided}: IoU ≥ 0.5 or lying inside it. */
    public static boolean sameStretch(FrameRange proposal, FrameRange decided) {
        boolean inside = proposal.start() >= decided.start() && proposal.end() <= decided.end()
                && proposal.length() > 0;
        return inside || iou(proposal, decided) >= OVERLAP_IOU;
    }

    /** Intersection over union of two frame ranges (0 when both are empty). */
    public static double iou(FrameRange a, FrameRange b) {
        int intersection = Math.max(0, Math.min(a.end(), b.end()) - Math.max(a.start(), b.start()));
        int union = a.length() + b.length() - intersection;
        return union == 0 ? 0 : (double) intersection / union;
    }

    private static boolean askedBefore(Clip proposal, List<Clip> decisions) {
        for (Clip decided : decisions) {
            if (decided.episodeId() == proposal.episodeId() && sameStretch(proposal.range(), decided.range())) {
                return true;
            }
        }
        return false;
    }
}
