package org.anivid.fomm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Milliseconds per frame of FOMM's three stages (keypoints of a driving frame, dense motion, the generator including
 * dense motion, with the source's keypoints and encoding computed once as in animation) and the end-to-end rate of animation with the source cached, with random weights of a
 * configuration's shapes. The medians of {@code frames} timed frames after two warm-up frames.
 */
public final class FommBenchmark {
    private FommBenchmark() {
    }

    /** One configuration at one picture size. */
    public static Map<String, Object> run(String label, FommConfig config, int size, int frames) {
        if (size < 64 || frames < 1) {
            throw new IllegalArgumentException("size must be at least 64 and frames at least 1");
        }
        try (FommModel model = FommModel.random(config, 7); NDManager manager = model.manager().newSubManager()) {
            NDArray source = manager.randomUniform(0, 1, new Shape(1, 3, size, size));
            Keypoints sourceKp = model.keypoints(manager, source);
            NDArray encoded = model.encodeSource(manager, source); // once per source, as the Animator does
            double[] kp = new double[frames];
            double[] dense = new double[frames];
            double[] generator = new double[frames];
            for (int i = -2; i < frames; i++) {
                try (NDManager frame = manager.newSubManager()) {
                    NDArray driving = frame.randomUniform(0, 1, new Shape(1, 3, size, size));
                    long t0 = System.nanoTime();
                    Keypoints drivingKp = model.keypoints(frame, driving);
                    drivingKp.value().toFloatArray(); // wait for the result, not just the launch
                    long t1 = System.nanoTime();
                    model.denseMotion(frame, source, sourceKp, drivingKp).deformation().toFloatArray();
                    long t2 = System.nanoTime();
                    model.generate(frame, source, encoded, sourceKp, drivingKp).prediction().toFloatArray();
                    long t3 = System.nanoTime();
                    if (i >= 0) {
                        kp[i] = (t1 - t0) / 1e6;
                        dense[i] = (t2 - t1) / 1e6;
                        generator[i] = (t3 - t2) / 1e6;
                    }
                }
            }
            double kpMs = median(kp);
            double genMs = median(generator);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("config", label);
            row.put("size", size);
            row.put("keypoint_detector_parameters", model.keypointDetectorParameters());
            row.put("generator_parameters", model.generatorParameters());
            row.put("frames", frames);
            row.put("keypoints_ms", kpMs);
            row.put("dense_motion_ms", median(dense));
            row.put("generator_ms", genMs);
            row.put("end_to_end_ms", kpMs + genMs);
            row.put("frames_per_second", 1000 / (kpMs + genMs));
            return row;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
