package org.anivid.torch;

import java.util.Map;
import java.util.Objects;

/**
 * Renames the parameter names that {@link StateDictLoader} derives from a DJL block into the names of the
 * PyTorch state dict, for the places where the Java model is organised differently from the Python one.
 */
@FunctionalInterface
public interface NameMapping {
    /** The state dict name for a DJL-derived name such as {@code conv1.bn.weight}; never null. */
    String torchName(String djlName);

    /** Keeps every name as derived. */
    static NameMapping identity() {
        return name -> name;
    }

    /** Renames the names in {@code renames} exactly and keeps all others. */
    static NameMapping renaming(Map<String, String> renames) {
        Map<String, String> copy = Map.copyOf(renames);
        return name -> copy.getOrDefault(name, name);
    }

    /** Replaces a leading {@code djlPrefix} (e.g. {@code "encoder."}) with {@code torchPrefix}. */
    static NameMapping replacingPrefix(String djlPrefix, String torchPrefix) {
        Objects.requireNonNull(djlPrefix);
        Objects.requireNonNull(torchPrefix);
        return name -> name.startsWith(djlPrefix) ? torchPrefix + name.substring(djlPrefix.length()) : name;
    }

    /** This mapping, then {@code next} on its result. */
    default NameMapping andThen(NameMapping next) {
        Objects.requireNonNull(next);
        return name -> next.torchName(torchName(name));
    }
}
