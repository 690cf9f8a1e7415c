package org.anivid.faces;

import ai.djl.Model;
import ai.djl.engine.Engine;

/** DJL model creation on the PyTorch engine. */
final class Models {
    private Models() {
    }

    static Model newModel(String name) {
        // Loading libtorch the first time takes a while; do it once, explicitly, on the PyTorch engine.
        Engine.getEngine("PyTorch");
        return Model.newInstance(name, "PyTorch");
    }
}
