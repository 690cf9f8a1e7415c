package org.anivid.cli;

import java.nio.file.Path;
import org.anivid.core.AppPaths;
import org.anivid.library.Library;
import picocli.CommandLine.Option;

/** The global {@code --library DIR} option (DESIGN.md §4), shared by every command that touches a library. */
public final class LibraryOption {
    @Option(names = "--library", paramLabel = "DIR",
            description = "Library folder (default: $ANIVID_HOME or ~/.local/share/anivid/library).")
    Path library;

    public Path folder() {
        return library != null ? library : AppPaths.defaultLibrary();
    }

    public Library open() {
        return Library.open(folder());
    }
}
