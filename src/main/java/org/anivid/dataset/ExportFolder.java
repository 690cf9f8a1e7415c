package org.anivid.dataset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.anivid.core.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export folder's life cycle on disk. A new export is built in a staging folder beside the target
 * ({@code .<name>.export-tmp-<pid>-<random>}, same file system, so renames are atomic and unchanged clips can be
 * hard-linked from the previous export) and then swapped in: the old folder is renamed aside
 * ({@code .<name>.export-old-…}), the staging folder renamed to the target, the old one deleted. Until the
 * swap the previous export is never written to, so a cancelled, killed or failing export leaves it as it was.
 * A process killed between the two renames leaves the previous export aside; the next export puts it back.
 */
final class ExportFolder {
    private static final Logger log = LoggerFactory.getLogger(ExportFolder.class);
    private static final Pattern LEFTOVER = Pattern.compile("\\.export-(tmp|old)-(\\d+)-[0-9a-f]+");
    /** Staging folders of exports running in this process, which {@link #recover} must leave alone. */
    private static final Set<Path> ACTIVE = ConcurrentHashMap.newKeySet();

    private ExportFolder() {
    }

    /**
     * Repairs what an earlier, killed export left beside {@code out}: restores a previous export left aside by
     * an interrupted swap, and deletes staging folders of processes that are gone.
     */
    static void recover(Path out) throws IOException {
        Path parent = out.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + out.getFileName();
        List<Path> asides = new ArrayList<>();
        List<Path> staging = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, p -> p.getFileName().toString()
                .startsWith(prefix))) {
            for (Path p : entries) {
                Matcher m = LEFTOVER.matcher(p.getFileName().toString().substring(prefix.length()));
                if (!m.matches() || m.group(2).length() > 18 || ACTIVE.contains(p)
                        || isAlive(Long.parseLong(m.group(2)))) {
                    continue;
                }
                (m.group(1).equals("old") ? asides : staging).add(p);
            }
        }
        for (Path p : staging) {
            log.info("{}: removing the staging folder of an export that did not finish", p);
            deleteTree(p);
        }
        asides.sort(Comparator.comparing(ExportFolder::modifiedOrZero).reversed());
        for (Path p : asides) {
            if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(p.resolve(ExportManifest.FILE_NAME))) {
                log.warn("{}: an earlier export was interrupted while swapping folders; restoring the previous export",
                        out);
                Files.move(p, out, StandardCopyOption.ATOMIC_MOVE);
            } else {
                deleteTree(p);
            }
        }
    }

    /**
     * The previous export in {@code out}, if any.
     *
     * @throws InvalidInputException when {@code out} is a file, or a non-empty folder that is not an export
     */
    static Optional<ExportManifest> previous(Path out) throws IOException {
        if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(out, "export target exists and is not a folder");
        }
        Optional<ExportManifest> manifest = ExportManifest.read(out);
        if (manifest.isEmpty() && !isEmpty(out)) {
            throw new InvalidInputException(out, "folder is not empty and is not an AniVid export (it has no "
                    + ExportManifest.FILE_NAME + "); choose a new or empty folder for --out");
        }
        return manifest;
    }

    /** A new, empty staging folder beside {@code out}. */
    static Path createStaging(Path out) throws IOException {
        Files.createDirectories(out.getParent());
        Path staging = Files.createDirectory(out.resolveSibling(leftoverName(out, "tmp")));
        ACTIVE.add(staging);
        return staging;
    }

    /** The staging folder is gone (swapped in or deleted): {@link #recover} may treat the name as any other. */
    static void release(Path staging) {
        ACTIVE.remove(staging);
    }

    /**
     * Puts the staging folder in place of {@code out}: two renames, then the old export is deleted. If the second
     * rename fails the old export is renamed back.
     */
    static void swap(Path staging, Path out) throws IOException {
        Path aside = null;
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            if (isEmpty(out)) {
                Files.delete(out);
            } else {
                aside = out.resolveSibling(leftoverName(out, "old"));
                Files.move(out, aside, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        try {
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (aside != null) {
                Files.move(aside, out, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (aside != null) {
            try {
                deleteTree(aside);
            } catch (IOException e) {
                log.warn("{}: the previous export could not be deleted after the swap: {}", aside, e.toString());
            }
        }
    }

    /**
     * Makes {@code target} the same file or folder tree as {@code source} of the previous export: hard links
     * (instant, no space, same bytes and modification times), or copies where the file system has no links.
     */
    static void linkOrCopy(Path source, Path target) throws IOException {
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(target);
            try (Stream<Path> children = Files.list(source)) {
                for (Path child : children.sorted().toList()) {
                    linkOrCopy(child, target.resolve(child.getFileName().toString()));
                }
            }
            return;
        }
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException | IOException e) {
            if (e instanceof NoSuchFileException) {
                throw (NoSuchFileException) e;
            }
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a tree, logging rather than throwing: for clean-up on a path that is already failing. */
    static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try {
            deleteTree(root);
        } catch (IOException | RuntimeException e) {
            log.warn("{}: could not remove the staging folder: {}", root, e.toString());
        }
    }

    private static String leftoverName(Path out, String kind) {
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return "." + out.getFileName() + ".export-" + kind + "-" + ProcessHandle.current().pid() + "-" + random;
    }

    /** Another live process (this one's own leftovers are known through {@link #ACTIVE}). */
    private static boolean isAlive(long pid) {
        return pid != ProcessHandle.current().pid()
                && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static long modifiedOrZero(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
