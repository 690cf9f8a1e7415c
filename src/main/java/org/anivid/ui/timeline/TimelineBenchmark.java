package org.anivid.ui.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.FrameRange;

/**
 * How long the timeline takes to redraw while zooming from the whole episode down to single frames: the time of the
 * skin's draw on the FX thread (what holds up input and the next pulse), for a long generated episode and, as the
 * same-run baseline, for a short one. Needs a display (Xvfb on a server).
 */
public final class TimelineBenchmark {
    /** The figures of one episode length: per-draw milliseconds over the zoom sweep. */
    public record Measure(int frames, int draws, double medianMs, double p95Ms, double maxMs) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frames", frames);
            m.put("draws", draws);
            m.put("median_ms", medianMs);
            m.put("p95_ms", p95Ms);
            m.put("max_ms", maxMs);
            return m;
        }
    }

    private TimelineBenchmark() {
    }

    /** Runs the sweep for {@code frames} and for a 480-frame baseline; JSON-ready figures. */
    public static Map<String, Object> run(int frames, int width, int steps, int repeats) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        started.get(30, TimeUnit.SECONDS);
        Measure baseline;
        Measure measured;
        try {
            // A warm-up sweep first: the first draws pay for class loading and glyph caches.
            onFxThread(() -> sweep(480, width, steps, 1));
            baseline = onFxThread(() -> sweep(480, width, steps, repeats));
            measured = onFxThread(() -> sweep(frames, width, steps, repeats));
        } finally {
            Platform.exit(); // the toolkit's threads would keep the command running
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("width_px", width);
        json.put("episode", measured.toJson());
        json.put("baseline_480_frames", baseline.toJson());
        json.put("median_ratio", measured.medianMs() / Math.max(1e-9, baseline.medianMs()));
        json.put("budget_ms", 16.0);
        json.put("within_budget", measured.p95Ms() <= 16.0);
        return json;
    }

    private interface FxWork<T> {
        T run() throws Exception;
    }

    private static <T> T onFxThread(FxWork<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.MINUTES);
    }

    /** A generated episode like a real one: a cut every ~4 s, noisy motion, face flags in runs, a clip per shot. */
    static TimelineModel episode(int frames) {
        TimelineModel model = new TimelineModel();
        model.setEpisode(frames, 24);
        List<FrameRange> shots = new ArrayList<>();
        List<Clip> clips = new ArrayList<>();
        for (int s = 0, i = 0; s < frames; s += 97, i++) {
            FrameRange shot = new FrameRange(s, Math.min(frames, s + 97));
            shots.add(shot);
            if (shot.length() > 40) {
                clips.add(new Clip(i + 1, 1, i + 1, 0, new FrameRange(shot.start() + 10, shot.end() - 10),
                        ClipStatus.values()[i % 3], "generated"));
            }
        }
        float[] motion = new float[frames];
        byte[] flags = new byte[frames];
        float[] scores = new float[frames];
        for (int i = 0; i < frames; i++) {
            motion[i] = (i * 7919 % 1000) / 200f;
            flags[i] = (byte) (i / 50 % 4);
            scores[i] = (i % 100) / 100f;
        }
        model.setShots(shots);
        model.setMotion(motion);
        model.setFaces(flags, scores);
        model.setClips(clips);
        return model;
    }

    private static Measure sweep(int frames, int width, int steps, int repeats) {
        TimelineModel model = episode(frames);
        TimelineControl control = new TimelineControl(model);
        Stage stage = new Stage();
        stage.setScene(new Scene(new StackPane(control), width, 220));
        stage.show();
        try {
            control.applyCss();
            control.layout();
            TimelineSkin skin = (TimelineSkin) control.getSkin();
            double[] times = new double[steps * repeats];
            int n = 0;
            for (int r = 0; r < repeats; r++) {
                model.showAll(width);
                // From the whole episode to 8 pixels per frame in equal zoom steps, anchored at the middle.
                double factor = Math.pow(model.framesPerPixelProperty().get() / TimelineModel.MIN_FRAMES_PER_PIXEL,
                        1.0 / steps);
                for (int i = 0; i < steps; i++) {
                    model.zoomAt(frames / 2.0, factor);
                    long t0 = System.nanoTime();
                    skin.draw();
                    times[n++] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Arrays.sort(times);
            return new Measure(frames, n, times[n / 2], times[(int) Math.min(n - 1, Math.ceil(n * 0.95) - 1)],
                    times[n - 1]);
        } finally {
            stage.close();
        }
    }
}
