package org.anivid.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anivid.library.Migrations.Migration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path temp;

    @Test
    void bundledMigrationsRunFromOneWithoutGaps() {
        List<Migration> migrations = Migrations.bundled();
        assertThat(migrations).hasSizeGreaterThanOrEqualTo(2);
        assertThat(migrations.get(0).name()).isEqualTo("initial");
        for (int i = 0; i < migrations.size(); i++) {
            assertThat(migrations.get(i).version()).isEqualTo(i + 1);
            assertThat(migrations.get(i).sql()).isNotBlank();
        }
    }

    @Test
    void databaseAtVersionOneUpgradesAndKeepsItsData() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("lib"));
        List<Migration> all = Migrations.bundled();
        try (Database database = Database.open(folder.resolve(Library.DATABASE_FILE_NAME))) {
            assertThat(Migrations.migrate(database, all.subList(0, 1))).extracting(Migration::version).containsExactly(1);
            database.write(c -> Sql.update(c, "INSERT INTO series (name) VALUES ('From v1')", s -> { }));
            assertThat(database.read(Migrations::userVersion)).isEqualTo(1);
            assertThat(indexNames(database)).doesNotContain("clips_episode");
        }

        try (Library library = Library.open(folder)) {
            assertThat(library.schemaVersion()).isEqualTo(all.size());
            assertThat(library.series().list()).extracting("name").containsExactly("From v1");
            List<String> indexes = library.read(MigrationsTest::indexNames);
            assertThat(indexes).contains("clips_episode", "face_boxes_track");
        }
    }

    @Test
    void reopeningAnUpToDateDatabaseAppliesNothing() throws Exception {
        try (Library library = Library.open(temp)) {
            library.series().getOrCreate("Only once");
        }
        try (Library library = Library.open(temp)) {
            assertThat(library.schemaVersion()).isEqualTo(Migrations.bundled().size());
        }
        try (Database database = Database.open(temp.resolve(Library.DATABASE_FILE_NAME))) {
            assertThat(Migrations.migrate(database, Migrations.bundled())).isEmpty();
            List<String> names = database.read(c -> Sql.query(c, "SELECT name FROM series", s -> { },
                    r -> r.getString(1)));
            assertThat(names).containsExactly("Only once");
        }
    }

    @Test
    void failingMigrationRollsBackCompletely() throws Exception {
        List<Migration> migrations = new ArrayList<>(Migrations.bundled());
        int broken = migrations.size() + 1;
        migrations.add(new Migration(broken, "broken",
                "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);"));
        try (Database database = Database.open(temp.resolve(Library.DATABASE_FILE_NAME))) {
            assertThatThrownBy(() -> Migrations.migrate(database, migrations))
                    .isInstanceOf(LibraryException.class)
                    .hasMessageContaining("no_such_table");
            assertThat(database.read(Migrations::userVersion)).isEqualTo(broken - 1);
            Optional<Boolean> halfDone = database.read(c -> Sql.queryOne(c,
                    "SELECT 1 FROM sqlite_master WHERE name = 'half_done'", s -> { }, r -> true));
            assertThat(halfDone).isEmpty();
        }
    }

    private static List<String> indexNames(Database database) {
        return database.read(MigrationsTest::indexNames);
    }

    private static List<String> indexNames(java.sql.Connection connection) throws java.sql.SQLException {
        return Sql.query(connection, "SELECT name FROM sqlite_master WHERE type = 'index'", s -> { },
                r -> r.getString(1));
    }
}
