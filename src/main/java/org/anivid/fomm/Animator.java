package org.anivid.fomm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Objects;
import org.anivid.core.RgbImage;
import org.anivid.media.ImageResize;

/**
 * Animates one still source with a stream of driving pictures, the way the official {@code make_animation} does:
 * the source picture, its keypoints and the generator's encoding of it are computed once; the first driving picture is the neutral pose that
 * relative motion is measured from (re-capturable, as in Avatarify); each driving picture gives one generated frame.
 * Pictures of any size are resized to the model's square input ({@value #DEFAULT_SIZE} for the official configs).
 * Not thread-safe: one animator per thread.
 */
public final class Animator implements AutoCloseable {
    public static final int DEFAULT_SIZE = 256;

    private final FommModel model;
    private final FommConfig.NormalizationParams params;
    private final int size;
    /** Holds the source and its keypoints for the animator's life; each frame's work lives on a child manager. */
    private final NDManager state;
    private final NDArray source;
    private final Keypoints sourceKeypoints;
    /** The generator's encoding of the source: like its keypoints, computed once. */
    private final NDArray encodedSource;
    private final RgbImage sourcePicture;
    private Keypoints drivingInitial;
    private double movementScale = 1;

    /**
     * @param params relative or absolute motion and adapt-scale (see {@link FommConfig.NormalizationParams})
     * @param size the model's input side in pixels
     */
    public Animator(FommModel model, RgbImage source, FommConfig.NormalizationParams params, int size) {
        this.model = Objects.requireNonNull(model, "model");
        this.params = Objects.requireNonNull(params, "params");
        if (size < 64) {
            throw new IllegalArgumentException("model input size must be at least 64, got " + size);
        }
        this.size = size;
        this.state = model.manager().newSubManager();
        this.sourcePicture = ImageResize.resize(source, size, size);
        this.source = FommArrays.image(state, sourcePicture);
        this.sourceKeypoints = model.keypoints(state, this.source);
        this.encodedSource = model.encodeSource(state, this.source);
    }

    public Animator(FommModel model, RgbImage source, FommConfig.NormalizationParams params) {
        this(model, source, params, DEFAULT_SIZE);
    }

    /** The next driving picture → the generated frame ({@code size × size}). */
    public RgbImage animate(RgbImage driving) {
        try (NDManager frame = state.newSubManager()) {
            NDArray drivingArray = FommArrays.image(frame, ImageResize.resize(driving, size, size));
            Keypoints drivingKeypoints = model.keypoints(frame, drivingArray);
            if (drivingInitial == null) {
                // The neutral pose lives as long as the animator (or until the next recapture).
                drivingInitial = Keypoints.on(state, drivingKeypoints);
                movementScale = params.adaptMovementScale()
                        ? KeypointNormalizer.adaptScale(sourceKeypoints, drivingInitial) : 1;
            }
            Keypoints normalized = KeypointNormalizer.normalize(sourceKeypoints, drivingKeypoints, drivingInitial,
                    params, movementScale);
            GeneratorOutput out = model.generate(frame, source, encodedSource, sourceKeypoints, normalized);
            return FommArrays.toImage(out.prediction());
        }
    }

    /** The next driving picture becomes the neutral pose that relative motion is measured from. */
    public void recaptureNeutral() {
        if (drivingInitial != null) {
            drivingInitial.value().close();
            if (drivingInitial.jacobian() != null) {
                drivingInitial.jacobian().close();
            }
        }
        drivingInitial = null;
    }

    /** The source as the model sees it ({@code size × size}). */
    public RgbImage sourcePicture() {
        return sourcePicture;
    }

    public int size() {
        return size;
    }

    @Override
    public void close() {
        state.close();
    }
}
