package org.anivid.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.anivid.core.Decision;


import org.junit.jupiter.api.Test;


class DecisionLogTest extends EpisodeFixture {
    @Test
    void appendedEntriesReadBackInOrder() {
        Decision first = library.decisions().append(episodeId, "clip.accept", "clip:1", "{\"status\":\"proposed\"}",
                "{\"status\":\"accepted\"}");
        Decision global = library.decisions().append(0, "settings.change", "threshold", "0.5", "0.6");
        Decision undo = library.decisions().append(episodeId, "undo", "decision:" + first.id(),
                first.after(), first.before(), first.id());

        assertThat(library.decisions().list(episodeId)).containsExactly(first, undo);
        assertThat(library.decisions().list(0)).containsExactly(global);
        assertThat(library.decisions().all()).containsExactly(first, global, undo);
        long revertsId = library.read(c -> Sql.queryOne(c, "SELECT reverts_id FROM decisions WHERE id = ?",
                s -> s.setLong(1, undo.id()), r -> r.getLong(1)).orElseThrow());
        assertThat(revertsId).isEqualTo(first.id());
        assertThat(undo.revertsId()).isEqualTo(first.id());
        assertThat(first.revertsId()).isZero();
        assertThat(library.decisions().all().get(2).revertsId()).isEqualTo(first.id());
    }

    @Test
    void updatesAndDeletesAreRejectedByTheDatabase() {
        Decision entry = library.decisions().append(episodeId, "clip.accept", "clip:1", "{}", "{}");

        assertThatThrownBy(() -> library.write(c -> Sql.update(c, "UPDATE decisions SET kind = 'forged'", s -> { })))
                .isInstanceOf(LibraryException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> library.write(c -> Sql.update(c, "DELETE FROM decisions", s -> { })))
                .isInstanceOf(LibraryException.class)
                .hasMessageContaining("append-only");

        assertThat(library.decisions().all()).containsExactly(entry);
    }
}
