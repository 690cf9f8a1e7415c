package org.anivid.faces;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The FaceBoxes network (Zhang et al. 2017) as published in FaceBoxes.PyTorch, with the same module names so that
 * its checkpoints load by name: two CReLU stems, three inception modules, two downsampling stages and three
 * multibox heads on strides 32, 64 and 128 (21, 1 and 1 anchors per cell).
 *
 * <p>Input: {@code (N, 3, H, W)} BGR minus the channel means, at any size. Output: {@code loc (N, P, 4)} box
 * offsets and {@code conf (N, P, classes)} softmax scores over the P priors of {@link FaceBoxesPriors}.
 */
public final class FaceBoxesNet extends AbstractBlock {
    static final int[] ANCHORS_PER_CELL = {21, 1, 1};
    private static final Shape K3 = new Shape(3, 3);
    private static final Shape S2 = new Shape(2, 2);
    private static final Shape P1 = new Shape(1, 1);

    private final int classes;
    private final ConvBn conv1 = addChildBlock("conv1", ConvBn.crelu(24, 7, 4, 3));
    private final ConvBn conv2 = addChildBlock("conv2", ConvBn.crelu(64, 5, 2, 2));
    private final Inception inception1 = addChildBlock("inception1", new Inception());
    private final Inception inception2 = addChildBlock("inception2", new Inception());
    private final Inception inception3 = addChildBlock("inception3", new Inception());
    private final ConvBn conv31 = addChildBlock("conv3_1", ConvBn.basic(128, 1, 1, 0));
    private final ConvBn conv32 = addChildBlock("conv3_2", ConvBn.basic(256, 3, 2, 1));
    private final ConvBn conv41 = addChildBlock("conv4_1", ConvBn.basic(128, 1, 1, 0));
    private final ConvBn conv42 = addChildBlock("conv4_2", ConvBn.basic(256, 3, 2, 1));
    private final Heads loc;
    private final Heads conf;

    public FaceBoxesNet(int classes) {
        this.classes = classes;
        loc = addChildBlock("loc", new Heads(4));
        conf = addChildBlock("conf", new Heads(classes));
    }

    public int classes() {
        return classes;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = Inception.apply(conv1, ps, inputs.singletonOrThrow(), training);
        x = Pool.maxPool2d(x, K3, S2, P1, false);
        x = Inception.apply(conv2, ps, x, training);
        x = Pool.maxPool2d(x, K3, S2, P1, false);
        x = inception3.forward(ps, inception2.forward(ps, inception1.forward(ps, new NDList(x), training), training),
                training).singletonOrThrow();
        NDArray source1 = x;
        NDArray source2 = Inception.apply(conv32, ps, Inception.apply(conv31, ps, source1, training), training);
        NDArray source3 = Inception.apply(conv42, ps, Inception.apply(conv41, ps, source2, training), training);
        NDArray[] sources = {source1, source2, source3};
        long batch = source1.getShape().get(0);
        NDList locs = new NDList();
        NDList confs = new NDList();
        for (int i = 0; i < sources.length; i++) {
            locs.add(loc.head(i, ps, sources[i], training).transpose(0, 2, 3, 1).reshape(batch, -1));
            confs.add(conf.head(i, ps, sources[i], training).transpose(0, 2, 3, 1).reshape(batch, -1));
        }
        NDArray boxes = NDArrays.concat(locs, 1).reshape(batch, -1, 4);
        NDArray scores = NDArrays.concat(confs, 1).reshape(batch, -1, classes);
        return new NDList(boxes, training ? scores : scores.softmax(-1));
    }

    /** Folds every batch norm into its convolution for inference (call after the weights are loaded). */
    public void fuseBatchNorms() {
        fuse(this);
    }

    private static void fuse(ai.djl.nn.Block block) {
        if (block instanceof ConvBn convBn) {
            convBn.fuse();
            return;
        }
        for (var child : block.getChildren().values()) {
            fuse(child);
        }
    }

    /** Feature-map sizes of the three heads for an input of {@code height × width} (what the convolutions give). */
    static List<int[]> featureMaps(int height, int width) {
        List<int[]> maps = new ArrayList<>();
        // conv1 (stride 4), two poolings and conv2 (stride 2 each) all round up: ceil(size / 32), then /2 twice.
        int h = ceilDiv(height, 32);
        int w = ceilDiv(width, 32);
        for (int i = 0; i < 3; i++) {
            maps.add(new int[] {h, w});
            h = ceilDiv(h, 2);
            w = ceilDiv(w, 2);
        }
        return maps;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long priors = 0;
        List<int[]> maps = featureMaps((int) in.get(2), (int) in.get(3));
        for (int i = 0; i < maps.size(); i++) {
            priors += (long) maps.get(i)[0] * maps.get(i)[1] * ANCHORS_PER_CELL[i];
        }
        return new Shape[] {new Shape(in.get(0), priors, 4), new Shape(in.get(0), priors, classes)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        conv1.initialize(manager, dataType, in);
        Shape s = pooled(conv1.getOutputShapes(new Shape[] {in})[0]);
        conv2.initialize(manager, dataType, s);
        s = pooled(conv2.getOutputShapes(new Shape[] {s})[0]);
        inception1.initialize(manager, dataType, s);
        inception2.initialize(manager, dataType, s);
        inception3.initialize(manager, dataType, s);
        Shape source1 = s;
        conv31.initialize(manager, dataType, source1);
        conv32.initialize(manager, dataType, conv31.getOutputShapes(new Shape[] {source1}));
        Shape source2 = conv32.getOutputShapes(conv31.getOutputShapes(new Shape[] {source1}))[0];
        conv41.initialize(manager, dataType, source2);
        conv42.initialize(manager, dataType, conv41.getOutputShapes(new Shape[] {source2}));
        Shape source3 = conv42.getOutputShapes(conv41.getOutputShapes(new Shape[] {source2}))[0];
        Shape[] sources = {source1, source2, source3};
        loc.initializeHeads(manager, dataType, sources);
        conf.initializeHeads(manager, dataType, sources);
        assert n > 0;
    }

    private static Shape pooled(Shape s) {
        return new Shape(s.get(0), s.get(1), (s.get(2) + 1) / 2, (s.get(3) + 1) / 2);
    }

    /** The three multibox convolutions of one kind (box offsets or class scores), named 0, 1, 2 like nn.Sequential. */
    static final class Heads extends AbstractBlock {
        private final Conv2d[] convs = new Conv2d[3];

        Heads(int valuesPerAnchor) {
            for (int i = 0; i < 3; i++) {
                convs[i] = addChildBlock(Integer.toString(i), Conv2d.builder()
                        .setFilters(ANCHORS_PER_CELL[i] * valuesPerAnchor).setKernelShape(K3).optPadding(P1).build());
            }
        }

        NDArray head(int index, ParameterStore ps, NDArray x, boolean training) {
            return convs[index].forward(ps, new NDList(x), training).singletonOrThrow();
        }

        void initializeHeads(NDManager manager, DataType dataType, Shape[] sources) {
            for (int i = 0; i < 3; i++) {
                convs[i].initialize(manager, dataType, sources[i]);
            }
            // Mark this container initialised too, so that Block.isInitialized() holds for the whole tree.
            inputShapes = sources;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            throw new UnsupportedOperationException("heads are applied one by one through head()");
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            throw new UnsupportedOperationException("heads are applied one by one through head()");
        }
    }
}
