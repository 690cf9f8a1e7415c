package org.anivid.fomm.loss;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.anivid.core.AppPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the reconstruction loss of a training run: the official perceptual loss where VGG19 weights are available,
 * else the pyramid L1 loss (see {@link PyramidL1Loss} for why), and finds torchvision's VGG19 checkpoint in the model
 * folders of DESIGN.md §2.
 */
public final class ReconstructionLosses {
    private static final Logger LOG = LoggerFactory.getLogger(ReconstructionLosses.class);
    /** The file names looked for, in order: torchvision's own download name first. */
    public static final List<String> VGG_FILE_NAMES = List.of("vgg19-dcbb9e9d.pth", "vgg19.pth");
    /** Where torchvision's ImageNet VGG19 weights come from. */
    public static final String VGG_URL = "https://download.pytorch.org/models/vgg19-dcbb9e9d.pth";

    private ReconstructionLosses() {
    }

    /** The VGG19 weights in the model folders ({@code $ANIVID_MODELS}, the data folder's, the repository's). */
    public static Optional<Path> findVggWeights() {
        return findVggWeights(AppPaths.modelDirs());
    }

    /** The first of {@link #VGG_FILE_NAMES} in the first of {@code folders} that holds one. */
    public static Optional<Path> findVggWeights(List<Path> folders) {
        for (Path folder : folders) {
            for (String name : VGG_FILE_NAMES) {
                Path file = folder.resolve(name);
                if (Files.isRegularFile(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    /** What to tell the user when there are no VGG19 weights. */
    public static String missingVggWeightsMessage() {
        return "no VGG19 weights found, so training uses the pyramid L1 loss instead of the official perceptual loss; "
                + "for the perceptual loss put " + VGG_FILE_NAMES.get(0) + " (" + VGG_URL + ") into one of "
                + AppPaths.modelDirs();
    }

    /**
     * The perceptual loss on the VGG19 weights of {@code vggWeights}, or the pyramid L1 loss when it is null (with a
     * warning saying so). The L1 loss weighs every scale by the mean of {@code perceptualWeights} (10 for vox-256).
     *
     * @param scales the image pyramid ({@code train_params.scales})
     * @param perceptualWeights {@code train_params.loss_weights.perceptual}
     * @param manager the loss's arrays live on a sub-manager of it (so on its device) until the loss is closed
     * @throws org.anivid.core.InvalidInputException if {@code vggWeights} is no usable VGG19 checkpoint
     */
    public static ReconstructionLoss create(Path vggWeights, List<Double> scales, List<Double> perceptualWeights,
            NDManager manager) {
        if (vggWeights != null) {
            LOG.info("reconstruction loss: perceptual, VGG19 weights from {}", vggWeights);
            return PerceptualLoss.load(vggWeights, scales, perceptualWeights, manager);
        }
        LOG.warn(missingVggWeightsMessage());
        double weight = perceptualWeights.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return PyramidL1Loss.create(scales, weight, manager);
    }
}
