package org.anivid.faces.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.util.List;
import org.anivid.core.RgbImage;
import org.anivid.faces.track.Detection;

/**
 * Pre- and post-processing of {@link AnimeFaceNet}. In: an RGB picture, letterboxed ({@link Letterbox#forInference})
 * to the input size and read as planar RGB in [0, 1]. Out: face boxes in the picture's pixels with scores in
 * [0, 1], best first, after {@link YoloDecoder} (decoding, score threshold, NMS).
 */
final class AnimeFaceTranslator implements NoBatchifyTranslator<RgbImage, List<Detection>> {
    private final DetectorConfig config;
    private final int inputSize;
    private final YoloDecoder.DecodeOptions options;

    AnimeFaceTranslator(DetectorConfig config, int inputSize, YoloDecoder.DecodeOptions options) {
        this.config = config;
        this.inputSize = inputSize;
        this.options = options;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage image) {
        Letterbox box = Letterbox.forInference(image, inputSize);
        ctx.setAttachment("letterbox", box);
        ctx.setAttachment("source", new int[] {image.width(), image.height()});
        RgbImage canvas = box.image();
        float[] chw = new float[3 * canvas.width() * canvas.height()];
        Letterbox.toChw(canvas, chw, 0);
        NDArray array = ctx.getNDManager().create(FloatBuffer.wrap(chw),
                new Shape(1, 3, canvas.height(), canvas.width()));
        return new NDList(array);
    }

    @Override
    public List<Detection> processOutput(TranslatorContext ctx, NDList list) {
        Letterbox box = (Letterbox) ctx.getAttachment("letterbox");
        int[] source = (int[]) ctx.getAttachment("source");
        return decode(list, config, options, box.scale(), source[0], source[1]);
    }

    /** Decodes the outputs of the first picture of a batch. */
    static List<Detection> decode(NDList outputs, DetectorConfig config, YoloDecoder.DecodeOptions options,
            float scale, int srcW, int srcH) {
        float[][] levels = new float[outputs.size()][];
        int[] heights = new int[outputs.size()];
        int[] widths = new int[outputs.size()];
        for (int l = 0; l < outputs.size(); l++) {
            NDArray out = outputs.get(l);
            Shape s = out.getShape();
            heights[l] = (int) s.get(2);
            widths[l] = (int) s.get(3);
            levels[l] = (s.get(0) == 1 ? out : out.get(0)).toFloatArray();
        }
        return YoloDecoder.decode(levels, heights, widths, config, options, scale, srcW, srcH);
    }
}
