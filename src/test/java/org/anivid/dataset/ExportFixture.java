package org.anivid.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.anivid.TestData;
import org.anivid.app.ImportService;
import org.anivid.core.BoundingBox;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.demo.DemoTruth;
import org.anivid.jobs.JobQueue;
import org.anivid.library.Library;
import org.anivid.media.Ffmpeg;
import org.anivid.media.FfmpegVideoProbe;

/**
 * A real library in a temporary folder: a copy of the bundled demo episode (series "Demo") with face tracks from
 * its exact truth and four clips (two accepted, one proposed, one rejected), plus a small generated second episode
 * (series "Other Show") with one accepted clip. No model files needed.
 */
final class ExportFixture implements AutoCloseable {
    final Path root;
    final Library library;
    final Path demoFile;
    final Path otherFile;
    final Episode demo;
    final Episode other;
    final DemoTruth truth;
    final List<Clip> clips = new ArrayList<>();
    final Clip rejected;

    ExportFixture(Path root) throws Exception {
        this.root = root;
        Path videos = Files.createDirectories(root.resolve("videos"));
        demoFile = Files.copy(TestData.repo().resolve("assets/demo/demo.mp4"), videos.resolve("demo.mp4"));
        truth = DemoTruth.read(TestData.repo().resolve("assets/demo/truth.json"));
        otherFile = videos.resolve("Other episode #2.mp4");
        // A 2-second 320x240 clip with moving content, made by the FFmpeg bundled with JavaCV.
        Ffmpeg.ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
                "-c:v", "mpeg4", "-q:v", "2", "-pix_fmt", "yuv420p", "-y", otherFile.toString());
        library = Library.open(root.resolve("library"));
        ImportService importer = new ImportService(library, new FfmpegVideoProbe());
        demo = importOne(importer, demoFile, "Demo");
        other = importOne(importer, otherFile, "Other Show");

        clips.add(demoClip("A", new FrameRange(0, 66), ClipStatus.ACCEPTED));
        clips.add(demoClip("A", new FrameRange(138, 210), ClipStatus.PROPOSED));
        clips.add(demoClip("B", new FrameRange(414, 480), ClipStatus.ACCEPTED));
        rejected = demoClip("B", new FrameRange(66, 138), ClipStatus.REJECTED);

        long track = library.faces().insertTrack(other.id(), null, new FrameRange(0, 50), "auto:synthetic");
        List<FaceBox> boxes = new ArrayList<>();
        for (int f = 0; f < 50; f++) {
            if (f % 7 == 3) {
                continue; // a few frames without a box: the crop interpolates them
            }
            boxes.add(new FaceBox(0, other.id(), f, new BoundingBox(100 + f, 60, 180 + f, 150), 0.9f, track, false));
        }
        library.faces().insertBoxes(boxes);
        clips.add(library.clips().insert(new Clip(0, other.id(), 0, track, new FrameRange(0, 40), ClipStatus.ACCEPTED,
                "manual pick"), true));
    }

    private static Episode importOne(ImportService importer, Path file, String series) throws Exception {
        ImportService.Report report = JobQueue.runNow("import", importer.importJob(List.of(file), series));
        assertThat(report.failures()).isEmpty();
        return report.results().get(0).episode();
    }

    /** A clip of one demo character over a range, with a track from the truth's boxes of that character. */
    private Clip demoClip(String character, FrameRange range, ClipStatus status) {
        long track = library.faces().insertTrack(demo.id(), null, range, "auto:truth");
        List<FaceBox> boxes = new ArrayList<>();
        for (int f = range.start(); f < range.end(); f++) {
            for (DemoTruth.FaceTruth face : truth.frames().get(f).faces()) {
                if (face.character().equals(character)) {
                    boxes.add(new FaceBox(0, demo.id(), f, face.boundingBox(), 1f, track, false));
                }
            }
        }
        library.faces().insertBoxes(boxes);
        return library.clips().insert(new Clip(0, demo.id(), 0, track, range, status, "test"), false);
    }

    /** Sets a clip's frame range directly (the stores have no call for it). */
    void setRange(long clipId, FrameRange range) {
        library.write(connection -> {
            try (var statement = connection.prepareStatement(
                    "UPDATE clips SET start_frame = ?, end_frame = ? WHERE id = ?")) {
                statement.setInt(1, range.start());
                statement.setInt(2, range.end());
                statement.setLong(3, clipId);
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** Every file under a folder with its bytes' hash, modification time and file key (inode). */
    static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                files.put(folder.relativize(p).toString(), ExportPlanner.sha256(Files.readAllBytes(p)) + " "
                        + a.lastModifiedTime().toMillis() + " " + a.fileKey());
            }
        }
        return files;
    }

    /** Only the modification times and inodes: what "not rewritten" means. */
    static String stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.lastModifiedTime().toMillis() + " " + a.fileKey();
    }

    @Override
    public void close() {
        library.close();
    }
}
