package org.anivid.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.anivid.core.AppPaths;
import org.anivid.jobs.JobContext;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;

/** Puts the bundled demo episode into a library that has no episodes yet, so a first start shows something real. */
public final class DemoLibrary {
    public static final String DEMO_SERIES = "AniVid Demo";

    private DemoLibrary() {
    }

    /** @return the import report, or empty when the library already had episodes or no demo is bundled */
    public static Optional<ImportService.Report> importIfEmpty(Library library) {
        if (!library.episodes().list().isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> demo = AppPaths.demoDir();
        if (demo.isEmpty()) {
            return Optional.empty();
        }
        ImportService service = new ImportService(library, new FfmpegVideoProbe());
        try {
            return Optional.of(service.importJob(List.of(demo.get().resolve("demo.mp4")), DEMO_SERIES)
                    .run(JobContext.silent()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
