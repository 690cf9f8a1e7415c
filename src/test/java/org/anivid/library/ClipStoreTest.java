package org.anivid.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;


import java.util.List;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.FrameRange;


import org.junit.jupiter.api.Test;


class ClipStoreTest extends EpisodeFixture {
    private Clip proposal(int start, int end) {
        return new Clip(0, episodeId, 0, 0, new FrameRange(start, end), ClipStatus.PROPOSED, "one talking face");
    }

    @Test
    void insertedClipReadsBackEqual() {
        Clip clip = library.clips().insert(proposal(10, 80), false);
        assertThat(clip.id()).isPositive();
        assertThat(library.clips().get(clip.id())).contains(clip);
        assertThat(library.clips().list(episodeId)).containsExactly(clip);
        assertThat(library.clips().listByStatus(ClipStatus.PROPOSED)).containsExactly(clip);
        assertThat(library.clips().listByStatus(ClipStatus.ACCEPTED)).isEmpty();
    }

    @Test
    void movingInAndOutPointsMakesTheClipAPersonsAndSurvivesReplacement() {
        Clip clip = library.clips().insert(proposal(10, 80), false);
        library.clips().setRange(clip.id(), new org.anivid.core.FrameRange(12, 70));
        assertThat(library.clips().get(clip.id())).get().satisfies(c ->
                assertThat(c.range()).isEqualTo(new org.anivid.core.FrameRange(12, 70)));
        assertThat(library.clips().madeByPerson()).containsEntry(clip.id(), true);
        library.clips().replaceProposals(clip.episodeId(), java.util.List.of());
        assertThat(library.clips().get(clip.id())).as("a person's clip is never replaced").isPresent();
        assertThatThrownBy(() -> library.clips().setRange(clip.id(), new org.anivid.core.FrameRange(5, 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> library.clips().setRange(9999, new org.anivid.core.FrameRange(1, 5)))
                .isInstanceOf(LibraryException.class);
    }

    @Test
    void setStatusRecordsTheDecisionAndReason() {
        Clip clip = library.clips().insert(proposal(10, 80), false);
        library.clips().setStatus(clip.id(), ClipStatus.REJECTED, "mouth hidden");
        assertThat(library.clips().get(clip.id())).get()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(ClipStatus.REJECTED);
                    assertThat(c.reason()).isEqualTo("mouth hidden");
                });
        assertThatThrownBy(() -> library.clips().setStatus(9999, ClipStatus.ACCEPTED, null))
                .isInstanceOf(LibraryException.class);
    }

    @Test
    void replaceProposalsKeepsEveryClipAPersonMadeOrDecided() {
        Clip stillProposed = library.clips().insert(proposal(0, 40), false);
        Clip accepted = library.clips().insert(proposal(40, 90), false);
        Clip rejected = library.clips().insert(proposal(90, 130), false);
        Clip manualProposed = library.clips().insert(proposal(130, 160), true);
        library.clips().setStatus(accepted.id(), ClipStatus.ACCEPTED, "good");
        library.clips().setStatus(rejected.id(), ClipStatus.REJECTED, "blurry");

        library.clips().replaceProposals(episodeId, List.of(proposal(0, 35), proposal(200, 260)));

        List<Clip> clips = library.clips().list(episodeId);
        assertThat(clips).extracting(Clip::id).doesNotContain(stillProposed.id())
                .contains(accepted.id(), rejected.id(), manualProposed.id());
        assertThat(clips).extracting(Clip::range).containsExactly(new FrameRange(0, 35), new FrameRange(40, 90),
                new FrameRange(90, 130), new FrameRange(130, 160), new FrameRange(200, 260));
        assertThat(library.clips().get(accepted.id())).get().extracting(Clip::status).isEqualTo(ClipStatus.ACCEPTED);
    }

    @Test
    void replaceProposalsDoesNotReproposeARangeAlreadyDecided() {
        Clip accepted = library.clips().insert(proposal(40, 90), false);
        library.clips().setStatus(accepted.id(), ClipStatus.ACCEPTED, "good");

        library.clips().replaceProposals(episodeId, List.of(proposal(40, 90), proposal(100, 150)));
        library.clips().replaceProposals(episodeId, List.of(proposal(40, 90), proposal(100, 150)));

        assertThat(library.clips().list(episodeId)).extracting(Clip::range, Clip::status).containsExactly(
                tuple(new FrameRange(40, 90), ClipStatus.ACCEPTED),
                tuple(new FrameRange(100, 150), ClipStatus.PROPOSED));
    }

    @Test
    void replaceProposalsOnlyTouchesItsEpisode() {
        long otherEpisode = TestData.episode(library, "other").id();
        library.clips().insert(new Clip(0, otherEpisode, 0, 0, new FrameRange(0, 10), ClipStatus.PROPOSED, null), false);
        library.clips().replaceProposals(episodeId, List.of());
        assertThat(library.clips().list(otherEpisode)).hasSize(1);
    }

    @Test
    void replaceProposalsRejectsDecidedOrForeignClips() {
        Clip decided = new Clip(0, episodeId, 0, 0, new FrameRange(0, 10), ClipStatus.ACCEPTED, null);
        Clip foreign = new Clip(0, episodeId + 1, 0, 0, new FrameRange(0, 10), ClipStatus.PROPOSED, null);
        assertThatThrownBy(() -> library.clips().replaceProposals(episodeId, List.of(decided)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> library.clips().replaceProposals(episodeId, List.of(foreign)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restorePutsAClipBackAndReCreatesOneThatReCurationDeleted() {
        Clip clip = library.clips().insert(proposal(10, 80), false);
        ClipStore.State proposed = library.clips().state(clip.id()).orElseThrow();
        assertThat(proposed.manual()).isFalse();
        library.clips().setStatus(clip.id(), ClipStatus.ACCEPTED, "good");
        ClipStore.State accepted = library.clips().state(clip.id()).orElseThrow();

        assertThat(library.clips().restore(proposed)).isEqualTo(clip);
        library.clips().replaceProposals(episodeId, List.of());
        assertThat(library.clips().get(clip.id())).isEmpty();

        Clip back = library.clips().restore(accepted);
        assertThat(back.id()).as("the old id, which no other row took").isEqualTo(clip.id());
        assertThat(back.status()).isEqualTo(ClipStatus.ACCEPTED);
        assertThat(library.clips().state(clip.id()).orElseThrow().createdAtMillis())
                .isEqualTo(accepted.createdAtMillis());
    }
}
