package org.anivid.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.anivid.core.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned SQL migrations: {@code db/migration/V001__initial.sql}, {@code V002__…} on the classpath, applied in
 * order, each in its own transaction. The schema version is SQLite's {@code PRAGMA user_version}, which the
 * migration's transaction updates together with the schema, so a failed migration leaves no trace.
 */
final class Migrations {
    static final String LOCATION = "db/migration";
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /** One migration script; {@code version} is the schema version after it has run. */
    record Migration(int version, String name, String sql) {
        @Override
        public String toString() {
            return String.format("V%03d__%s", version, name);
        }
    }

    private Migrations() {
    }

    /** The migrations bundled with this build, in version order (1, 2, … with no gaps). */
    static List<Migration> bundled() {
        Map<Integer, Migration> byVersion = new TreeMap<>();
        try {
            Enumeration<URL> folders = Migrations.class.getClassLoader().getResources(LOCATION);
            while (folders.hasMoreElements()) {
                for (Migration migration : readFolder(folders.nextElement())) {
                    Migration clash = byVersion.put(migration.version(), migration);
                    if (clash != null) {
                        throw new IllegalStateException("two migrations for version " + migration.version()
                                + ": " + clash.name() + " and " + migration.name());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled migrations", e);
        }
        List<Migration> migrations = new ArrayList<>(byVersion.values());
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException("migration versions must run 1, 2, 3… without gaps; found "
                        + migrations.stream().map(Migration::version).toList());
            }
        }
        if (migrations.isEmpty()) {
            throw new IllegalStateException("no migrations found under " + LOCATION + " on the classpath");
        }
        return Collections.unmodifiableList(migrations);
    }

    static int userVersion(Connection connection) throws SQLException {
        return Integer.parseInt(Database.pragma(connection, "user_version"));
    }

    /**
     * Brings the database up to the last of {@code migrations}; returns the ones it applied (none when it was
     * up to date). Throws {@link InvalidInputException} naming the file when the database is from a newer
     * build or is some other application's SQLite file.
     */
    static List<Migration> migrate(Database database, List<Migration> migrations) {
        Path file = database.file();
        int latest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        int current = database.read(Migrations::userVersion);
        if (current > latest) {
            throw new InvalidInputException(file, "library database has schema version " + current
                    + ", newer than this AniVid supports (" + latest + "); update AniVid to open it");
        }
        if (current == 0 && database.read(Migrations::hasTables)) {
            throw new InvalidInputException(file, "SQLite database is not an AniVid library (it has tables "
                    + "but no AniVid schema version)");
        }
        List<Migration> applied = new ArrayList<>();
        for (Migration migration : migrations) {
            if (migration.version() <= current) {
                continue;
            }
            boolean ran = database.write(connection -> {
                // Another process may have migrated since we looked; the write lock makes this check final.
                if (userVersion(connection) >= migration.version()) {
                    return false;
                }
                Database.executeScript(connection, migration.sql());
                Database.execute(connection, "PRAGMA user_version = " + migration.version());
                return true;
            });
            if (ran) {
                log.info("{}: applied migration {}", file, migration);
                applied.add(migration);
            }
        }
        return applied;
    }

    private static boolean hasTables(Connection connection) throws SQLException {
        return Sql.queryOne(connection, "SELECT 1 FROM sqlite_master LIMIT 1", statement -> { }, row -> true)
                .isPresent();
    }

    private static List<Migration> readFolder(URL folder) throws IOException {
        URI uri;
        try {
            uri = folder.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("bad migration folder URL " + folder, e);
        }
        if ("jar".equals(uri.getScheme())) {
            FileSystem jar;
            boolean openedHere = false;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
                openedHere = true;
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            try {
                return readFolder(jar.provider().getPath(uri));
            } finally {
                if (openedHere) {
                    jar.close();
                }
            }
        }
        return readFolder(Path.of(uri));
    }

    private static List<Migration> readFolder(Path folder) throws IOException {
        List<Migration> migrations = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                String fileName = file.getFileName().toString();
                Matcher matcher = FILE_NAME.matcher(fileName);
                if (!matcher.matches()) {
                    log.warn("ignoring {} in {}: migration files are named V<number>__<name>.sql", fileName, folder);
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    migrations.add(new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2), sql));
                }
            }
        }
        return migrations;
    }
}
