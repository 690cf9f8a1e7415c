package org.anivid.torch;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A list of blocks named like PyTorch's {@code nn.ModuleList} ({@code 0}, {@code 1}, …) or like an
 * {@code nn.Sequential} filled with {@code add_module(prefix + i, …)} ({@code r0}, {@code r1}, …), so that
 * {@link StateDictLoader} derives names such as {@code down_blocks.1.conv.weight} or
 * {@code bottleneck.r0.norm1.running_mean}. Calling the members is left to the owner, which knows their types.
 *
 * @param <T> the type of the members
 */
public final class ModuleList<T extends Block> extends FixedShapeBlock {
    private final List<T> members;

    /** Members named {@code 0 … n−1}. */
    public ModuleList(List<T> members) {
        this("", members);
    }

    /** Members named {@code prefix + 0 … prefix + (n−1)}. */
    public ModuleList(String prefix, List<T> members) {
        List<T> copy = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            copy.add(addChildBlock(prefix + i, members.get(i)));
        }
        this.members = Collections.unmodifiableList(copy);
    }

    public T get(int index) {
        return members.get(index);
    }

    public int size() {
        return members.size();
    }

    public List<T> members() {
        return members;
    }
}
