package org.anivid.dataset;

/**
 * The unit of the train/test split: every clip of one series (or one episode) lands on the same side, so the
 * test set never shows a drawing, a background or a scene the model trained on.
 */
public enum SplitBy {
    SERIES, EPISODE
}
