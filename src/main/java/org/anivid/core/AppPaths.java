package org.anivid.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders of DESIGN.md §2: the app's data folder, the default library, the model search path and the
 * native caches (JavaCPP, DJL), which live under the data folder — never loose in $HOME.
 */
public final class AppPaths {
    private AppPaths() {
    }

    /** {@code $XDG_DATA_HOME/anivid} or {@code ~/.local/share/anivid}. */
    public static Path dataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("anivid");
    }

    /** {@code $ANIVID_HOME} or the data folder's {@code library}. */
    public static Path defaultLibrary() {
        String home = System.getenv("ANIVID_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : dataDir().resolve("library");
    }

    /** {@code $ANIVID_CACHE} or the data folder's {@code cache}: extracted natives and engine files. */
    public static Path nativeCacheDir() {
        String explicit = System.getenv("ANIVID_CACHE");
        return explicit != null && !explicit.isBlank() ? Path.of(explicit) : dataDir().resolve("cache");
    }

    /** Model folders in lookup order: {@code $ANIVID_MODELS}, the data folder's {@code models}, the repo's {@code models/}. */
    public static List<Path> modelDirs() {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("ANIVID_MODELS");
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env));
        }
        dirs.add(dataDir().resolve("models"));
        repoDir().ifPresent(repo -> dirs.add(repo.resolve("models")));
        installedAppDir().ifPresent(app -> dirs.add(app.resolve("models")));
        return dirs;
    }

    /** The source checkout the app runs from, when it runs from one (the launcher sets {@code anivid.repo}). */
    public static java.util.Optional<Path> repoDir() {
        String repo = System.getProperty("anivid.repo");
        if (repo != null && Files.isDirectory(Path.of(repo))) {
            return java.util.Optional.of(Path.of(repo));
        }
        return java.util.Optional.empty();
    }

    /** {@code <image>/lib/app} of an installed (jpackage) app, where the models and the demo are shipped. */
    public static java.util.Optional<Path> installedAppDir() {
        String appPath = System.getProperty("jpackage.app-path");
        if (appPath == null) {
            return java.util.Optional.empty();
        }
        Path bin = Path.of(appPath).toAbsolutePath().getParent();
        Path image = bin == null ? null : bin.getParent();
        return image == null ? java.util.Optional.empty() : java.util.Optional.of(image.resolve("lib/app"));
    }

    /**
     * Points JavaCPP's and DJL's native caches at {@link #nativeCacheDir()} unless the launcher already chose a
     * place, before any native library loads (otherwise they unpack hundreds of MB into $HOME).
     */
    public static void configureNativeCaches() {
        Path cache = nativeCacheDir();
        if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir", cache.resolve("javacpp").toString());
        }
        for (String key : new String[] {"DJL_CACHE_DIR", "ENGINE_CACHE_DIR"}) {
            if (System.getProperty(key) == null && System.getenv(key) == null) {
                System.setProperty(key, cache.resolve("djl").toString());
            }
        }
    }

    /** The bundled demo episode folder ({@code assets/demo} of the checkout or the installed app). */
    public static java.util.Optional<Path> demoDir() {
        List<Path> candidates = new ArrayList<>();
        repoDir().ifPresent(r -> candidates.add(r.resolve("assets/demo")));
        installedAppDir().ifPresent(app -> candidates.add(app.resolve("assets/demo")));
        candidates.add(Path.of("assets/demo"));
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("demo.mp4"))).findFirst();
    }

    /** A file under {@code assets/} of the checkout or the installed app (or of the working folder), if there is one. */
    public static java.util.Optional<Path> asset(String relative) {
        List<Path> candidates = new ArrayList<>();
        repoDir().ifPresent(r -> candidates.add(r.resolve("assets").resolve(relative)));
        installedAppDir().ifPresent(app -> candidates.add(app.resolve("assets").resolve(relative)));
        candidates.add(Path.of("assets").resolve(relative));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }
}
