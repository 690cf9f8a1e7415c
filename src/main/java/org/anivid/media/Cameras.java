package org.anivid.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.anivid.core.InvalidInputException;

/**
 * The V4L2 cameras of this machine ({@code /dev/videoN}, named from {@code /sys/class/video4linux}), and the
 * {@code --driving webcam[:N]} spelling of one. Camera N is {@code /dev/videoN}, as OpenCV and Avatarify number them.
 * The directories are parameters so that tests can point them at a folder with no cameras.
 */
public final class Cameras {
    /** {@code webcam} without a number: the first camera listed. */
    public static final int FIRST = -1;
    private static final Pattern DEVICE = Pattern.compile("video(\\d+)");
    private static final Pattern SPEC = Pattern.compile("webcam(?::(.*))?", Pattern.CASE_INSENSITIVE);

    /** Capture settings asked of the camera: 640×480 at 30 fps is what every UVC camera offers. */
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final double FPS = 30;

    private final Path devDir;
    private final Path sysDir;

    /** One camera: its number N, device file and the driver's name for it. */
    public record Camera(int index, Path device, String name) {
        /** {@code "0: Integrated Camera"}, for lists and messages. */
        public String label() {
            return index + ": " + name;
        }
    }

    public Cameras() {
        this(Path.of("/dev"), Path.of("/sys/class/video4linux"));
    }

    /** Cameras under other directories than {@code /dev} and sysfs (tests; a container with devices elsewhere). */
    public Cameras(Path devDir, Path sysDir) {
        this.devDir = devDir;
        this.sysDir = sysDir;
    }

    /**
     * {@code webcam} → {@link #FIRST}, {@code webcam:N} → N, anything else (a file path) → empty.
     *
     * @throws InvalidInputException for {@code webcam:} followed by something other than a camera number
     */
    public static OptionalInt parseSpec(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim());
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        String number = m.group(1);
        if (number == null) {
            return OptionalInt.of(FIRST);
        }
        if (!number.matches("\\d{1,4}")) {
            throw new InvalidInputException(null, "bad camera \"" + spec + "\": write webcam or webcam:N (N = the N of "
                    + "/dev/videoN)");
        }
        return OptionalInt.of(Integer.parseInt(number));
    }

    /**
     * The capture devices, by number. UVC cameras add a metadata node beside each capture node; the kernel gives it
     * {@code index} 1 in sysfs, and it is left out (it cannot deliver pictures).
     */
    public List<Camera> list() {
        if (!Files.isDirectory(devDir)) {
            return List.of();
        }
        List<Camera> cameras = new ArrayList<>();
        try (Stream<Path> files = Files.list(devDir)) {
            for (Path device : files.toList()) {
                Matcher m = DEVICE.matcher(device.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                Path sys = sysDir.resolve(device.getFileName().toString());
                String nodeIndex = read(sys.resolve("index"));
                if (!nodeIndex.isEmpty() && !nodeIndex.equals("0")) {
                    continue;
                }
                String name = read(sys.resolve("name"));
                cameras.add(new Camera(Integer.parseInt(m.group(1)), device, name.isEmpty() ? "camera" : name));
            }
        } catch (IOException e) {
            return List.of();
        }
        cameras.sort(Comparator.comparingInt(Camera::index));
        return List.copyOf(cameras);
    }

    /** Camera {@code index} ({@link #FIRST}: the first one listed). */
    public Camera find(int index) {
        List<Camera> cameras = list();
        if (cameras.isEmpty()) {
            throw new InvalidInputException(null, "no camera found (no " + devDir.resolve("video*") + " device)");
        }
        if (index == FIRST) {
            return cameras.get(0);
        }
        return cameras.stream().filter(c -> c.index() == index).findFirst().orElseThrow(() ->
                new InvalidInputException(null, "camera " + index + " not found; cameras: "
                        + cameras.stream().map(Camera::label).collect(Collectors.joining(", "))));
    }

    /**
     * Opens camera {@code index} ({@link #FIRST}: the first one) at 640×480, 30 fps.
     *
     * @throws InvalidInputException with one line when there is no such camera or it cannot be opened
     */
    public FrameCapture open(int index) {
        Camera camera = find(index);
        return WebcamCapture.open(camera.device(), camera.device() + " (" + camera.name() + ")", WIDTH, HEIGHT, FPS);
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
