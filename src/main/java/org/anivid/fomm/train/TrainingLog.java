package org.anivid.fomm.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code log.jsonl} of a run: one JSON object per step with every loss term, the learning rate and the speed, and one
 * per preview with the held-out reconstruction L1. Lines are appended and flushed as they come, so a crash loses at
 * most the line being written; on resume the lines after the resumed step (written after the last checkpoint) are
 * dropped, so the log describes exactly the run that the checkpoints continue.
 */
public final class TrainingLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    private TrainingLog(BufferedWriter out) {
        this.out = out;
    }

    /** Opens the log of a run that has done {@code resumedStep} steps (0: a new run, an old log is replaced). */
    public static TrainingLog open(Path file, long resumedStep) throws IOException {
        if (Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            if (resumedStep > 0) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (stepOf(line) <= resumedStep) {
                        kept.add(line);
                    }
                }
            }
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, kept, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return new TrainingLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    private static long stepOf(String line) {
        try {
            return JSON.readTree(line).path("step").asLong(Long.MAX_VALUE);
        } catch (IOException e) {
            return Long.MAX_VALUE; // a line cut by a crash
        }
    }

    /** One training step. */
    public void step(FommTrainer.StepReport report) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", report.step());
        line.put("epoch", report.epoch());
        line.put("lr", report.learningRate());
        for (Map.Entry<String, Double> e : report.losses().byName().entrySet()) {
            line.put(e.getKey(), e.getValue());
        }
        line.put("loss", report.losses().reconstructionName());
        line.put("images_per_s", report.imagesPerSecond());
        line.put("seconds", report.secondsPerStep());
        write(line);
    }

    /** A reconstruction of the held-out clips. */
    public void preview(long step, double heldOutL1) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        line.put("held_out_l1", heldOutL1);
        write(line);
    }

    private void write(ObjectNode line) {
        try {
            out.write(line.toString());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of a log as parsed JSON (for the studio's chart and tests). */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = JSON.readValue(line, Map.class);
                lines.add(map);
            }
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
