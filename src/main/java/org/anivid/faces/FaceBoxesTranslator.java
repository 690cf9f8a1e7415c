package org.anivid.faces;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.core.RgbImage;
import org.anivid.faces.track.Detection;

/**
 * Pre- and post-processing of FaceBoxes in one place. In: an RGB picture, fed as BGR minus the means
 * (104, 117, 123) at its own size (or shrunk to {@code maxSide}). Out: face boxes in the picture's pixels after
 * prior decoding (variances 0.1, 0.2), score filtering, NMS and the top trim of {@link FaceBoxesOptions}.
 */
final class FaceBoxesTranslator implements NoBatchifyTranslator<RgbImage, List<Detection>> {
    private static final float[] BGR_MEAN = {104f, 117f, 123f};
    private static final float CENTER_VARIANCE = 0.1f;
    private static final float SIZE_VARIANCE = 0.2f;
    /**
     * Pictures with a longer side are shrunk even at "own size": a 10000² picture would need ~5 GB of activations,
     * and faces that large are found at 4096 just as well.
     */
    static final int MAX_NETWORK_SIDE = 4096;

    private final FaceBoxesOptions options;
    private FaceBoxesPriors priors;

    FaceBoxesTranslator(FaceBoxesOptions options) {
        this.options = options;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage image) {
        RgbImage input = org.anivid.media.ImageResize.fitWithin(image, options.maxSide() > 0 ? options.maxSide() : MAX_NETWORK_SIDE);
        ctx.setAttachment("scale", new float[] {(float) image.width() / input.width(),
                (float) image.height() / input.height()});
        int w = input.width();
        int h = input.height();
        int plane = w * h;
        float[] chw = new float[3 * plane];
        byte[] rgb = input.pixels();
        for (int i = 0; i < plane; i++) {
            // Channel 0 is blue: the network was trained on OpenCV's BGR order.
            chw[i] = (rgb[3 * i + 2] & 0xff) - BGR_MEAN[0];
            chw[plane + i] = (rgb[3 * i + 1] & 0xff) - BGR_MEAN[1];
            chw[2 * plane + i] = (rgb[3 * i] & 0xff) - BGR_MEAN[2];
        }
        if (priors == null || priors.height != h || priors.width != w) {
            priors = new FaceBoxesPriors(h, w);
        }
        NDArray array = ctx.getNDManager().create(FloatBuffer.wrap(chw), new Shape(1, 3, h, w));
        return new NDList(array);
    }

    @Override
    public List<Detection> processOutput(TranslatorContext ctx, NDList list) {
        float[] loc = list.get(0).toFloatArray();
        float[] conf = list.get(1).toFloatArray();
        int classes = conf.length / priors.count();
        float[] scale = (float[]) ctx.getAttachment("scale");
        return decode(loc, conf, classes, priors, options, scale[0], scale[1]);
    }

    static List<Detection> decode(float[] loc, float[] conf, int classes, FaceBoxesPriors priors,
            FaceBoxesOptions options, float scaleX, float scaleY) {
        float[] p = priors.boxes;
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < priors.count(); i++) {
            float score = conf[i * classes + 1];
            if (Float.isNaN(score)) {
                throw new IllegalStateException("the network returned NaN scores: libtorch's AVX-512 convolutions are "
                        + "broken on this CPU; start the studio with ONEDNN_MAX_CPU_ISA=AVX2 (docs/decisions/0005)");
            }
            if (score <= options.minScore()) {
                continue;
            }
            float pw = p[4 * i + 2];
            float ph = p[4 * i + 3];
            float cx = p[4 * i] + loc[4 * i] * CENTER_VARIANCE * pw;
            float cy = p[4 * i + 1] + loc[4 * i + 1] * CENTER_VARIANCE * ph;
            float w = pw * (float) Math.exp(loc[4 * i + 2] * SIZE_VARIANCE);
            float h = ph * (float) Math.exp(loc[4 * i + 3] * SIZE_VARIANCE);
            float x1 = cx - w / 2;
            float y1 = cy - h / 2;
            candidates.add(new Detection(new BoundingBox(x1 * scaleX, y1 * scaleY, (x1 + w) * scaleX,
                    (y1 + h) * scaleY), score));
        }
        candidates.sort(Comparator.comparingDouble((Detection d) -> d.score()).reversed());
        if (candidates.size() > options.preNmsTopK()) {
            candidates = new ArrayList<>(candidates.subList(0, options.preNmsTopK()));
        }
        List<Detection> kept = Nms.suppress(candidates, options.nmsIou(), options.keepTopK());
        if (options.trimTop() <= 0) {
            return kept;
        }
        List<Detection> trimmed = new ArrayList<>(kept.size());
        for (Detection d : kept) {
            BoundingBox b = d.box();
            float top = b.y1() + options.trimTop() * (b.y2() - b.y1() + 1);
            trimmed.add(new Detection(new BoundingBox(b.x1(), top, b.x2(), b.y2()), d.score()));
        }
        return trimmed;
    }
}
