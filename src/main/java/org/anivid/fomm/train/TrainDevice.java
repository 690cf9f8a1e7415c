package org.anivid.fomm.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** {@code --device auto|cpu|gpu}. */
public enum TrainDevice {
    AUTO, CPU, GPU;

    /** Parses the command line's spelling. */
    /** @throws org.anivid.core.InvalidInputException (a one-line user error) for any other word */
    public static TrainDevice parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.anivid.core.InvalidInputException(null, "device must be auto, cpu or gpu, not " + text);
        }
    }

    /**
     * The DJL device: AUTO is the GPU when the engine finds one.
     *
     * @throws IllegalStateException for GPU on a machine where the engine sees none
     */
    public Device resolve() {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        return switch (this) {
            case CPU -> Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new IllegalStateException("no GPU found by libtorch (this build runs on the CPU; "
                            + "see README, 'FOMM on a GPU')");
                }
                yield Device.gpu();
            }
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
    }
}
