package org.anivid;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Third-party test data lives outside the repository ({@code ANIVID_TESTDATA}, default {@code ../shared/testdata});
 * tests that need it are skipped, with the reason, where it is absent.
 */
public final class TestData {
    private TestData() {
    }

    public static Path repo() {
        String repo = System.getProperty("anivid.repo");
        return repo != null ? Path.of(repo) : Path.of("").toAbsolutePath();
    }

    public static Path dir() {
        String env = System.getenv("ANIVID_TESTDATA");
        Path dir = env != null && !env.isBlank() ? Path.of(env) : repo().resolve("../shared/testdata").normalize();
        assumeTrue(Files.isDirectory(dir), "test data not found at " + dir + " (set ANIVID_TESTDATA)");
        return dir;
    }

    public static Path file(String relative) {
        Path f = dir().resolve(relative);
        assumeTrue(Files.exists(f), "test data file missing: " + f);
        return f;
    }
}
