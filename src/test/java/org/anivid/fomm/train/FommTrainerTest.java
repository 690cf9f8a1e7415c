package org.anivid.fomm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anivid.core.InvalidInputException;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.FommModel;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobContext;
import org.anivid.jobs.JobTracker;
import org.anivid.torch.TorchCheckpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer on a tiny config and generated clips: it learns (losses and held-out reconstruction fall), a stopped
 * and resumed run continues exactly like an uninterrupted one, checkpoints are official-format and complete, and bad
 * input fails with a message.
 */
class FommTrainerTest {
    @TempDir
    static Path shared;
    static Path data;
    static Path config;

    @BeforeAll
    static void data() throws IOException {
        data = TrainingFixtures.dataset(shared.resolve("data"), 8, 2, 10);
        config = TrainingFixtures.tinyConfig(shared);
    }

    private static TrainFommOptions options(Path run, long maxSteps) {
        return TrainFommOptions.defaults(data, config, run)
                .withSchedule(null, 4, null, maxSteps)
                .withDevice(TrainDevice.CPU)
                .withSeed(3)
                .withCheckpoints(1000, 0)
                .withVggWeights(null);
    }

    private static List<Map<String, Object>> steps(Path run) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> line : TrainingLog.read(run.resolve(FommTrainer.LOG_FILE))) {
            if (line.containsKey("total")) {
                out.add(line);
            }
        }
        return out;
    }

    private static double mean(List<Map<String, Object>> lines, String key, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += ((Number) lines.get(i).get(key)).doubleValue();
        }
        return sum / (to - from);
    }

    @Test
    void learnsOnATinyConfig(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        TrainFommOptions o = options(run, 100).withCheckpoints(50, 50);
        FommTrainer.Result result = new FommTrainer(o).train(JobContext.silent(), new FommTrainer.Listener() { });
        assertEquals(100, result.steps());
        assertEquals("pyramid-l1", result.loss());
        List<Map<String, Object>> lines = steps(run);
        assertEquals(100, lines.size());
        double first = mean(lines, "pyramid_l1", 0, 10);
        double last = mean(lines, "pyramid_l1", 80, 100);
        assertTrue(last < 0.85 * first, "reconstruction loss " + first + " -> " + last);
        assertTrue(result.lastHeldOutL1() < result.firstHeldOutL1(),
                "held-out L1 " + result.firstHeldOutL1() + " -> " + result.lastHeldOutL1());
        // Checkpoints: official layout, loadable by the model, every step of the plan written.
        List<Path> checkpoints = FommTrainer.checkpoints(run);
        assertEquals(2, checkpoints.size());
        Object root = TorchCheckpoint.read(checkpoints.get(1));
        assertTrue(root instanceof Map<?, ?> m && m.containsKey("kp_detector") && m.containsKey("generator"));
        try (FommModel model = FommModel.load(FommConfig.read(config), checkpoints.get(1))) {
            assertTrue(model.generatorParameters() > 0);
        }
        assertTrue(Files.exists(run.resolve("previews/step-0000100.png")));
    }

    @Test
    void resumedRunContinuesLikeAnUninterruptedOne(@TempDir Path dir) throws IOException {
        Path straight = dir.resolve("straight");
        new FommTrainer(options(straight, 6)).train(JobContext.silent(), new FommTrainer.Listener() { });

        Path stopped = dir.resolve("stopped");
        JobTracker tracker = new JobTracker("train");
        assertThrows(JobCancelledException.class, () -> new FommTrainer(options(stopped, 6)).train(tracker,
                new FommTrainer.Listener() {
                    @Override
                    public void step(FommTrainer.StepReport report) {
                        if (report.step() == 3) {
                            tracker.cancel();
                        }
                    }
                }));
        assertEquals(3, TrainingCheckpoint.read(stopped.resolve(FommTrainer.LAST)).position().step());
        new FommTrainer(options(stopped, 6)).train(JobContext.silent(), new FommTrainer.Listener() { });

        List<Map<String, Object>> a = steps(straight);
        List<Map<String, Object>> b = steps(stopped);
        assertEquals(6, a.size());
        assertEquals(6, b.size());
        for (int i = 0; i < 6; i++) {
            for (String key : List.of("pyramid_l1", "equivariance_value", "equivariance_jacobian")) {
                double x = ((Number) a.get(i).get(key)).doubleValue();
                double y = ((Number) b.get(i).get(key)).doubleValue();
                assertEquals(x, y, 1e-4 * Math.max(1, Math.abs(x)), "step " + (i + 1) + " " + key);
            }
        }
    }

    @Test
    void badInputIsReportedWithTheFile(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty/train"));
        InvalidInputException noClips = assertThrows(InvalidInputException.class, () -> new FommTrainer(
                TrainFommOptions.defaults(empty.getParent(), config, dir.resolve("r1")).withDevice(TrainDevice.CPU))
                .train(JobContext.silent(), new FommTrainer.Listener() { }));
        assertTrue(noClips.getMessage().contains("train"), noClips.getMessage());

        Path wrongConfig = dir.resolve("other.yaml");
        Files.writeString(wrongConfig, TrainingFixtures.TINY_CONFIG.replace("num_kp: 5", "num_kp: 7"));
        Path run = dir.resolve("r2");
        new FommTrainer(options(run, 1)).train(JobContext.silent(), new FommTrainer.Listener() { });
        Path checkpoint = run.resolve(FommTrainer.LAST);
        InvalidInputException wrong = assertThrows(InvalidInputException.class, () -> new FommTrainer(
                TrainFommOptions.defaults(data, wrongConfig, dir.resolve("r3")).withInit(checkpoint)
                        .withDevice(TrainDevice.CPU)).train(JobContext.silent(), new FommTrainer.Listener() { }));
        assertTrue(wrong.getMessage().contains("does not fit"), wrong.getMessage());
        assertFalse(Files.exists(dir.resolve("r3").resolve(FommTrainer.LAST)));
    }
}
