package org.anivid.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.anivid.metrics.DetectionGroundTruth.Category;
import org.anivid.metrics.DetectionGroundTruth.GroundTruthBox;

/**
 * Detection average precision exactly as pycocotools' {@code COCOeval} computes it with {@code iouType='bbox'}
 * (DESIGN.md §8), reimplemented step by step so that the numbers can be set beside published COCO numbers:
 *
 * <ul>
 *   <li>IoU thresholds .50:.05:.95 and recall points 0:.01:1, built like {@code numpy.linspace} (so 0.9 is
 *       0.8999999999999999 and a threshold equal to an IoU still matches);</li>
 *   <li>per image and category: detections sorted by score (stable, like numpy's mergesort) and cut to the 100
 *       best; ground truth sorted so that ignored boxes come last; each detection in turn takes the not yet matched
 *       ground truth of highest IoU ≥ threshold (ties: the later box), crowd boxes may be taken many times, and a
 *       detection on an ignored box is ignored. A ground truth box is ignored when it is a crowd ({@code iscrowd});
 *       pycocotools overwrites any {@code ignore} key with {@code iscrowd} for boxes, so that key has no effect
 *       here either. Area range is 'all' ([0, 1e10]);</li>
 *   <li>per category: all detections of all images (images in id order) sorted by score (stable), cumulative TP and
 *       FP (ignored detections keep their place but count neither way), precision {@code tp / (tp + fp + eps)},
 *       made non-increasing from the right, sampled at the first detection whose recall reaches each recall point
 *       (0 past the last recall reached); AP is the plain mean of the 101 samples;</li>
 *   <li>a category with no ground truth to find has no AP (pycocotools: -1) and is left out of the mean; the mAP
 *       is the mean over all (threshold, recall point, category) samples of the categories that have one.</li>
 * </ul>
 *
 * <p>Known deliberate difference: pycocotools marks "matched" by storing the ground truth's annotation id, so a
 * ground-truth box with id 0 can never be a true positive there; here matching does not depend on ids.
 *
 * <p>Precision and recall at a confidence threshold (the paper reports them at 0.6) use the same matching at one
 * IoU threshold among the detections with score ≥ conf, summed over categories.
 */
public final class CocoEvaluator {
    /** pycocotools {@code maxDets[-1]}: detections per image and category that count. */
    public static final int MAX_DETECTIONS_PER_IMAGE = 100;

    private static final double[] IOU_THRESHOLDS = linspace(0.5, 0.95, 10);
    private static final double[] RECALL_THRESHOLDS = linspace(0.0, 1.0, 101);
    /** pycocotools areaRng 'all' is [0 ** 2, 1e5 ** 2]. */
    private static final double AREA_MAX = 1e5 * 1e5;
    /** numpy {@code np.spacing(1)}, added to the precision denominator by pycocotools. */
    private static final double EPS = Math.ulp(1.0);
    /** pycocotools caps a threshold at {@code 1 - 1e-10} so that IoU 1 thresholds still match. */
    private static final double MAX_THRESHOLD = 1 - 1e-10;

    private CocoEvaluator() {
    }

    /** The 10 IoU thresholds .50:.05:.95, as numpy's linspace builds them. */
    public static double[] iouThresholds() {
        return IOU_THRESHOLDS.clone();
    }

    /** The 101 recall points 0:.01:1, as numpy's linspace builds them. */
    public static double[] recallThresholds() {
        return RECALL_THRESHOLDS.clone();
    }

    /** {@code numpy.linspace(start, stop, num)}: {@code i * step + start}, last value exactly {@code stop}. */
    static double[] linspace(double start, double stop, int num) {
        double step = (stop - start) / (num - 1);
        double[] y = new double[num];
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /**
     * Evaluates detections against ground truth.
     *
     * @param conf confidence threshold for {@link MapEvaluation#precision()} / {@link MapEvaluation#recall()}
     * @param iou  IoU threshold for them (AP uses its own fixed thresholds)
     * @throws IllegalArgumentException for a threshold out of range or a box on an image index that does not exist
     */
    public static MapEvaluation evaluate(DetectionGroundTruth groundTruth, List<PredictedBox> predictions,
            double conf, double iou) {
        if (!(conf >= 0 && conf <= 1)) {
            throw new IllegalArgumentException("conf must be in [0, 1]: " + conf);
        }
        if (!(iou > 0 && iou <= 1)) {
            throw new IllegalArgumentException("iou must be in (0, 1]: " + iou);
        }
        int imageCount = groundTruth.images().size();
        List<Category> categories = groundTruth.categories();
        Map<Long, Integer> categoryIndex = new TreeMap<>();
        for (Category c : categories) {
            categoryIndex.put(c.id(), categoryIndex.size());
        }
        List<String> warnings = new ArrayList<>();

        // _gts / _dts of pycocotools: boxes per (category, image), in file order.
        List<List<List<GroundTruthBox>>> gts = perCategoryAndImage(categories.size(), imageCount);
        List<List<List<PredictedBox>>> dts = perCategoryAndImage(categories.size(), imageCount);
        TreeSet<Long> unknownGtCategories = new TreeSet<>();
        int unknownGt = 0;
        for (GroundTruthBox g : groundTruth.boxes()) {
            checkImage(g.imageIndex(), imageCount);
            Integer k = categoryIndex.get(g.categoryId());
            if (k == null) {
                unknownGt++;
                unknownGtCategories.add(g.categoryId());
            } else {
                gts.get(k).get(g.imageIndex()).add(g);
            }
        }
        TreeSet<Long> unknownDtCategories = new TreeSet<>();
        int unknownDt = 0;
        for (PredictedBox d : predictions) {
            checkImage(d.imageIndex(), imageCount);
            Integer k = categoryIndex.get(d.categoryId());
            if (k == null) {
                unknownDt++;
                unknownDtCategories.add(d.categoryId());
            } else {
                dts.get(k).get(d.imageIndex()).add(d);
            }
        }
        if (unknownGt > 0) {
            warnings.add(unknownGt + " ground-truth boxes of category ids " + unknownGtCategories
                    + " not listed under 'categories' were not evaluated (as in pycocotools)");
        }
        if (unknownDt > 0) {
            warnings.add(unknownDt + " detections of category ids " + unknownDtCategories
                    + " not in the ground truth were not evaluated");
        }

        int T = IOU_THRESHOLDS.length;
        int R = RECALL_THRESHOLDS.length;
        double[][][] precisionSamples = new double[categories.size()][][]; // [k][t][r], null: no AP (-1)
        List<MapEvaluation.CategoryResult> perCategory = new ArrayList<>();
        int gtToFind = 0;
        int gtIgnored = 0;
        int truncatedImages = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int ignoredDetections = 0;
        double[] confThreshold = {iou};
        for (int k = 0; k < categories.size(); k++) {
            List<ImageResult> results = new ArrayList<>();
            int categoryGt = 0;
            int categoryDetections = 0;
            for (int i = 0; i < imageCount; i++) {
                List<GroundTruthBox> g = gts.get(k).get(i);
                List<PredictedBox> d = dts.get(k).get(i);
                categoryDetections += d.size();
                if (d.size() > MAX_DETECTIONS_PER_IMAGE) {
                    truncatedImages++;
                }
                if (g.isEmpty() && d.isEmpty()) {
                    continue; // evaluateImg returns None
                }
                ImageResult r = evaluateImage(g, d, IOU_THRESHOLDS);
                results.add(r);
                categoryGt += r.toFind();
                gtIgnored += r.gtIgnored().length - r.toFind();

                // Precision / recall at the confidence threshold: the same matching on the confident detections.
                List<PredictedBox> confident = d.stream().filter(p -> p.score() >= conf).toList();
                ImageResult c = confident.isEmpty() && g.isEmpty() ? null : evaluateImage(g, confident, confThreshold);
                if (c != null) {
                    int imageTp = 0;
                    for (int j = 0; j < c.scores().length; j++) {
                        if (c.ignored()[0][j]) {
                            ignoredDetections++;
                        } else if (c.matched()[0][j]) {
                            imageTp++;
                        } else {
                            fp++;
                        }
                    }
                    tp += imageTp;
                    fn += c.toFind() - imageTp;
                }
            }
            gtToFind += categoryGt;
            double[][] samples = accumulate(results);
            precisionSamples[k] = samples;
            perCategory.add(new MapEvaluation.CategoryResult(categories.get(k).id(), categories.get(k).name(),
                    categoryGt, categoryDetections, meanAt(samples, 0.5), meanAt(samples, 0.75),
                    samples == null ? Double.NaN : mean(samples)));
        }

        int t50 = thresholdIndex(0.5);
        int t75 = thresholdIndex(0.75);
        double map50 = meanOverCategories(precisionSamples, t50, t50 + 1);
        double map75 = meanOverCategories(precisionSamples, t75, t75 + 1);
        double map50To95 = meanOverCategories(precisionSamples, 0, T);
        if (Double.isNaN(map50)) {
            warnings.add("no ground-truth boxes to find: mAP is undefined (pycocotools reports -1)");
        } else if (categories.size() > 1) {
            for (MapEvaluation.CategoryResult c : perCategory) {
                if (Double.isNaN(c.ap50())) {
                    warnings.add("category " + c.categoryId() + " '" + c.name()
                            + "' has no ground-truth boxes to find: left out of the mean (pycocotools -1)");
                }
            }
        }
        if (truncatedImages > 0) {
            warnings.add(truncatedImages + " image(s) have more than " + MAX_DETECTIONS_PER_IMAGE
                    + " detections of one category; only the " + MAX_DETECTIONS_PER_IMAGE
                    + " highest-scoring count (maxDets)");
        }
        double precision = tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
        double recall = gtToFind == 0 ? Double.NaN : tp / (double) gtToFind;
        if (tp + fp == 0) {
            warnings.add(String.format(Locale.ROOT, "no detection with score >= %s: precision is undefined",
                    conf));
        }
        return new MapEvaluation(map50, map75, map50To95, conf, iou, precision, recall, imageCount, gtToFind,
                gtIgnored, predictions.size(), tp, fp, fn, ignoredDetections, perCategory, warnings, null);
    }

    /**
     * pycocotools {@code evaluateImg} for one image and category.
     *
     * @return detections kept (sorted by score) with, per threshold, whether each is matched and whether it is
     *         ignored, and the ignore flags of the ground truth
     */
    static ImageResult evaluateImage(List<GroundTruthBox> groundTruth, List<PredictedBox> detections,
            double[] thresholds) {
        // Ground truth with ignored boxes last (stable), as pycocotools sorts it.
        List<GroundTruthBox> gt = new ArrayList<>(groundTruth);
        gt.sort((a, b) -> Boolean.compare(ignored(a), ignored(b)));
        List<PredictedBox> dt = sortedByScore(detections);
        if (dt.size() > MAX_DETECTIONS_PER_IMAGE) {
            dt = dt.subList(0, MAX_DETECTIONS_PER_IMAGE);
        }
        int gCount = gt.size();
        int dCount = dt.size();
        boolean[] gtIgnore = new boolean[gCount];
        boolean[] crowd = new boolean[gCount];
        for (int g = 0; g < gCount; g++) {
            gtIgnore[g] = ignored(gt.get(g));
            crowd[g] = gt.get(g).crowd();
        }
        double[][] ious = new double[dCount][gCount];
        for (int d = 0; d < dCount; d++) {
            for (int g = 0; g < gCount; g++) {
                ious[d][g] = CocoBox.iou(dt.get(d).box(), gt.get(g).box(), crowd[g]);
            }
        }
        int tCount = thresholds.length;
        boolean[][] matched = new boolean[tCount][dCount];
        boolean[][] dtIgnore = new boolean[tCount][dCount];
        for (int t = 0; t < tCount; t++) {
            boolean[] gtMatched = new boolean[gCount];
            for (int d = 0; d < dCount; d++) {
                double best = Math.min(thresholds[t], MAX_THRESHOLD);
                int m = -1;
                for (int g = 0; g < gCount; g++) {
                    if (gtMatched[g] && !crowd[g]) {
                        continue; // taken, and not a crowd
                    }
                    if (m > -1 && !gtIgnore[m] && gtIgnore[g]) {
                        break; // matched a real box already; the rest are ignored ones
                    }
                    if (ious[d][g] < best) {
                        continue;
                    }
                    best = ious[d][g];
                    m = g;
                }
                if (m == -1) {
                    continue;
                }
                dtIgnore[t][d] = gtIgnore[m];
                matched[t][d] = true;
                gtMatched[m] = true;
            }
            // Unmatched detections outside the area range are ignored.
            for (int d = 0; d < dCount; d++) {
                double area = dt.get(d).box().area();
                if (!matched[t][d] && (area < 0 || area > AREA_MAX)) {
                    dtIgnore[t][d] = true;
                }
            }
        }
        double[] scores = new double[dCount];
        for (int d = 0; d < dCount; d++) {
            scores[d] = dt.get(d).score();
        }
        return new ImageResult(scores, matched, dtIgnore, gtIgnore);
    }

    /**
     * pycocotools {@code accumulate} for one category.
     *
     * @return sampled precision [threshold][recall point], or null where pycocotools leaves -1 (no image has a box
     *         of this category, or no box to find)
     */
    static double[][] accumulate(List<ImageResult> results) {
        if (results.isEmpty()) {
            return null;
        }
        int toFind = 0;
        int total = 0;
        for (ImageResult r : results) {
            toFind += r.toFind();
            total += r.scores().length;
        }
        if (toFind == 0) {
            return null;
        }
        int tCount = results.get(0).matched().length;
        double[] scores = new double[total];
        boolean[][] matched = new boolean[tCount][total];
        boolean[][] ignored = new boolean[tCount][total];
        int offset = 0;
        for (ImageResult r : results) {
            int n = r.scores().length;
            System.arraycopy(r.scores(), 0, scores, offset, n);
            for (int t = 0; t < tCount; t++) {
                System.arraycopy(r.matched()[t], 0, matched[t], offset, n);
                System.arraycopy(r.ignored()[t], 0, ignored[t], offset, n);
            }
            offset += n;
        }
        int[] order = stableOrderByScoreDescending(scores);
        int rCount = RECALL_THRESHOLDS.length;
        double[][] samples = new double[tCount][rCount];
        double[] recallCurve = new double[total];
        double[] precisionCurve = new double[total];
        for (int t = 0; t < tCount; t++) {
            double tp = 0;
            double fp = 0;
            for (int j = 0; j < total; j++) {
                int d = order[j];
                if (!ignored[t][d]) {
                    if (matched[t][d]) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
                recallCurve[j] = tp / toFind;
                precisionCurve[j] = tp / (fp + tp + EPS);
            }
            // Precision envelope: non-increasing from the right.
            for (int j = total - 1; j > 0; j--) {
                if (precisionCurve[j] > precisionCurve[j - 1]) {
                    precisionCurve[j - 1] = precisionCurve[j];
                }
            }
            // numpy.searchsorted(recall, recThrs, side='left'); points past the last recall stay 0.
            int j = 0;
            for (int r = 0; r < rCount; r++) {
                while (j < total && recallCurve[j] < RECALL_THRESHOLDS[r]) {
                    j++;
                }
                if (j >= total) {
                    break;
                }
                samples[t][r] = precisionCurve[j];
            }
        }
        return samples;
    }

    /** Per-image, per-category outcome (pycocotools' evalImgs entry). */
    record ImageResult(double[] scores, boolean[][] matched, boolean[][] ignored, boolean[] gtIgnored) {
        int toFind() {
            int n = 0;
            for (boolean ig : gtIgnored) {
                if (!ig) {
                    n++;
                }
            }
            return n;
        }
    }

    private static boolean ignored(GroundTruthBox g) {
        return g.crowd() || g.area() < 0 || g.area() > AREA_MAX;
    }

    /** Highest score first; equal scores keep their order (numpy mergesort on -score). */
    private static List<PredictedBox> sortedByScore(List<PredictedBox> detections) {
        List<PredictedBox> sorted = new ArrayList<>(detections);
        sorted.sort((a, b) -> a.score() > b.score() ? -1 : a.score() < b.score() ? 1 : 0);
        return sorted;
    }

    private static int[] stableOrderByScoreDescending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> scores[a] > scores[b] ? -1 : scores[a] < scores[b] ? 1 : 0);
        int[] result = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            result[i] = order[i];
        }
        return result;
    }

    private static int thresholdIndex(double threshold) {
        for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
            if (IOU_THRESHOLDS[t] == threshold) {
                return t;
            }
        }
        throw new IllegalStateException("no IoU threshold " + threshold);
    }

    private static double meanAt(double[][] samples, double threshold) {
        if (samples == null) {
            return Double.NaN;
        }
        int t = thresholdIndex(threshold);
        double sum = 0;
        for (double p : samples[t]) {
            sum += p;
        }
        return sum / samples[t].length;
    }

    private static double mean(double[][] samples) {
        double sum = 0;
        int n = 0;
        for (double[] row : samples) {
            for (double p : row) {
                sum += p;
                n++;
            }
        }
        return sum / n;
    }

    /** pycocotools {@code summarize}: mean of all samples > -1 over thresholds [from, to), recall points, categories. */
    private static double meanOverCategories(double[][][] samples, int from, int to) {
        double sum = 0;
        long n = 0;
        for (int t = from; t < to; t++) {
            for (int r = 0; r < RECALL_THRESHOLDS.length; r++) {
                for (double[][] category : samples) {
                    if (category != null) {
                        sum += category[t][r];
                        n++;
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static void checkImage(int imageIndex, int imageCount) {
        if (imageIndex < 0 || imageIndex >= imageCount) {
            throw new IllegalArgumentException("image index " + imageIndex + " out of range [0, " + imageCount + ")");
        }
    }

    private static <T> List<List<List<T>>> perCategoryAndImage(int categories, int images) {
        List<List<List<T>>> lists = new ArrayList<>(categories);
        for (int k = 0; k < categories; k++) {
            List<List<T>> perImage = new ArrayList<>(images);
            for (int i = 0; i < images; i++) {
                perImage.add(new ArrayList<>());
            }
            lists.add(perImage);
        }
        return lists;
    }
}
