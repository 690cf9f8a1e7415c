package org.anivid.fomm.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.anivid.media.ImageFiles;

/**
 * One clip of a dataset split.
 *
 * @param name the file name without its extension (a frame folder's own name), e.g. {@code Series-ep01#000042}
 * @param id what FOMM's {@code id_sampling} groups by: the part of the name before the first {@code #} (the
 *     whole name when it has none)
 * @param path the video file, frame folder or frame strip
 * @param kind how the frames are stored
 */
public record ClipRef(String name, String id, Path path, Kind kind) {
    /** How a clip's frames are stored, as the official {@code read_video} accepts them. */
    public enum Kind {
        /** A video file ({@code .mp4}, {@code .mov}, {@code .mkv}, {@code .gif}, {@code .webm}, {@code .avi}). */
        VIDEO,
        /** A folder of {@code .png}/{@code .jpg} frames, in file-name order. */
        FRAME_FOLDER,
        /** One {@code .png}/{@code .jpg} picture holding the frames side by side, left to right. */
        FRAME_STRIP
    }

    public ClipRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * The clip at a path: a folder is a frame folder, a picture file a frame strip, any other file a video. Its name
     * is the file name without extension (a folder's whole name).
     */
    public static ClipRef of(Path path) {
        String file = path.getFileName().toString();
        if (Files.isDirectory(path)) {
            return new ClipRef(file, idOf(file), path, Kind.FRAME_FOLDER);
        }
        int dot = file.lastIndexOf('.');
        String name = dot > 0 ? file.substring(0, dot) : file;
        Kind kind = ImageFiles.isImage(path) ? Kind.FRAME_STRIP : Kind.VIDEO;
        return new ClipRef(name, idOf(name), path, kind);
    }

    /** The id of a clip name: everything before the first {@code #}. */
    public static String idOf(String name) {
        int hash = name.indexOf('#');
        return hash < 0 ? name : name.substring(0, hash);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
