package org.anivid.faces.detector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.faces.Nms;
import org.anivid.faces.track.Detection;

/**
 * Turns the raw head outputs of {@link AnimeFaceNet} for one picture into face boxes, as YOLOv5 (v6) does: for
 * anchor {@code a} of cell {@code (i, j)} on a level of stride {@code s}, centre {@code ((2σ(tx) − 0.5 + j)·s,
 * (2σ(ty) − 0.5 + i)·s)}, size {@code ((2σ(tw))²·aw, (2σ(th))²·ah)}, score {@code σ(obj)·max_c σ(cls_c)}; boxes
 * above the score threshold, best first, go through greedy NMS ({@link Nms}) and are mapped back to the source
 * picture (divided by the letterbox scale, clipped to the picture).
 */
public final class YoloDecoder {
    private YoloDecoder() {
    }

    /**
     * @param levels   per level, the outputs of one picture: {@code A·(5+C) × H × W} floats, channel-major
     * @param heights  per level, H
     * @param widths   per level, W
     * @param scale    network-input pixels per source pixel
     * @param srcW     source width, for clipping
     * @param srcH     source height, for clipping
     */
    public static List<Detection> decode(float[][] levels, int[] heights, int[] widths, DetectorConfig config,
            DecodeOptions options, float scale, int srcW, int srcH) {
        int na = config.anchorsPerLevel();
        int per = config.outputsPerAnchor();
        List<Detection> candidates = new ArrayList<>();
        // σ(obj)·σ(cls) ≤ σ(obj), so cells whose objectness logit is below logit(minScore) can be skipped unread.
        double minLogit = options.minScore() <= 0 ? Double.NEGATIVE_INFINITY
                : Math.log(options.minScore() / (1.0 - options.minScore()));
        for (int l = 0; l < levels.length; l++) {
            float[] out = levels[l];
            int h = heights[l];
            int w = widths[l];
            int plane = h * w;
            if (out.length != na * per * plane) {
                throw new IllegalArgumentException("level " + l + " has " + out.length + " values, expected "
                        + na * per * plane);
            }
            int stride = DetectorConfig.STRIDES[l];
            for (int a = 0; a < na; a++) {
                float[] anchor = config.anchor(l, a);
                int base = a * per * plane;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        int cell = i * w + j;
                        float objLogit = out[base + 4 * plane + cell];
                        if (Float.isNaN(objLogit)) {
                            throw new IllegalStateException("the face network returned NaN; on AVX-512 CPUs start "
                                    + "with ONEDNN_MAX_CPU_ISA=AVX2 (docs/decisions/0005)");
                        }
                        if (objLogit < minLogit) {
                            continue;
                        }
                        float cls = 0;
                        for (int k = 5; k < per; k++) {
                            cls = Math.max(cls, sigmoid(out[base + k * plane + cell]));
                        }
                        float score = sigmoid(objLogit) * cls;
                        if (!(score > options.minScore())) {
                            continue;
                        }
                        float cx = (2 * sigmoid(out[base + cell]) - 0.5f + j) * stride;
                        float cy = (2 * sigmoid(out[base + plane + cell]) - 0.5f + i) * stride;
                        float bw = square(2 * sigmoid(out[base + 2 * plane + cell])) * anchor[0];
                        float bh = square(2 * sigmoid(out[base + 3 * plane + cell])) * anchor[1];
                        float x1 = clip((cx - bw / 2) / scale, srcW);
                        float y1 = clip((cy - bh / 2) / scale, srcH);
                        float x2 = clip((cx + bw / 2) / scale, srcW);
                        float y2 = clip((cy + bh / 2) / scale, srcH);
                        if (x2 > x1 && y2 > y1) {
                            candidates.add(new Detection(new BoundingBox(x1, y1, x2, y2), Math.min(1f, score)));
                        }
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingDouble((Detection d) -> d.score()).reversed());
        if (candidates.size() > options.preNmsTopK()) {
            candidates = new ArrayList<>(candidates.subList(0, options.preNmsTopK()));
        }
        return Nms.suppress(candidates, options.nmsIou(), options.maxDetections());
    }

    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    private static float square(float v) {
        return v * v;
    }

    private static float clip(float v, int max) {
        return Math.max(0f, Math.min(max, v));
    }

    /**
     * Post-processing settings.
     *
     * @param minScore      boxes must score above this
     * @param nmsIou        overlap above which the weaker box is dropped
     * @param preNmsTopK    best candidates that enter NMS
     * @param maxDetections boxes kept per picture
     */
    public record DecodeOptions(float minScore, float nmsIou, int preNmsTopK, int maxDetections) {
        public DecodeOptions {
            if (!(minScore >= 0 && minScore < 1) || !(nmsIou > 0 && nmsIou <= 1) || preNmsTopK < 1
                    || maxDetections < 1) {
                throw new IllegalArgumentException("decode options out of range: " + minScore + ", " + nmsIou + ", "
                        + preNmsTopK + ", " + maxDetections);
            }
        }

        /** For the studio: YOLOv5's detect.py NMS (IoU 0.45), scores from 0.01 so that mAP can be measured. */
        public static DecodeOptions defaults() {
            return new DecodeOptions(0.01f, 0.45f, 3000, 100);
        }

        /** For validation mAP, as YOLOv5's val.py: every box above 0.001, NMS at IoU 0.6, 100 per picture. */
        public static DecodeOptions validation() {
            return new DecodeOptions(0.001f, 0.6f, 30000, 100);
        }
    }
}
