package org.anivid.faces.track;

/** How many confident faces a frame has, as the paper's one-face rule sees it. */
public enum FaceCount {
    NONE, ONE, SEVERAL
}
