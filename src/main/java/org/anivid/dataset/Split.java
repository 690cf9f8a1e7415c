package org.anivid.dataset;

import java.util.Locale;

/** The side of the split a clip lands on; {@link #folder()} is the FOMM folder name. */
public enum Split {
    TRAIN, TEST;

    /** {@code train} or {@code test}. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
