package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Base for DJL blocks written the PyTorch way: every parameter's shape is fixed when the block is built (from
 * channel counts, as {@code nn.Conv2d(in, out, k)} takes them), so a network initialises without a sample input and
 * a state dict can be checked against it before any forward pass. Networks that take several inputs and return
 * several named outputs (FOMM's keypoints, dense motion) are called through typed methods, so DJL's
 * {@code NDList} forward and its shape inference are not used: {@link #getOutputShapes} is unsupported.
 *
 * <p>Parameter values are read through the {@link ParameterStore} so that a trainer's copies are used when there is
 * one; without a trainer the store hands out the parameter's own array.
 */
public abstract class FixedShapeBlock extends AbstractBlock {

    /** Initialises every parameter of this block and its children with its initialiser. */
    public final void initialize(NDManager manager, DataType dataType) {
        initialize(manager, dataType, new Shape[0]);
    }

    /** Adds a parameter whose shape is known now. */
    protected final Parameter addFixedParameter(String name, Parameter.Type type, Shape shape, Initializer initializer,
            boolean requiresGrad) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape)
                .optInitializer(initializer).optRequiresGrad(requiresGrad).build());
    }

    /** The value of {@code parameter} for a computation on {@code like}'s device. */
    protected static NDArray value(ParameterStore ps, Parameter parameter, NDArray like, boolean training) {
        return ps.getValue(parameter, like.getDevice(), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is called through its typed methods");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no shape inference");
    }

    /** Trainable elements of a block tree (what PyTorch's {@code sum(p.numel() for p in m.parameters())} counts). */
    public static long trainableParameterCount(Block block) {
        long count = 0;
        for (var pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (p.requiresGradient()) {
                count += p.getShape() != null ? p.getShape().size() : p.getArray().size();
            }
        }
        return count;
    }
}
