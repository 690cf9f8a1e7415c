package org.anivid.ui;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import org.testfx.util.WaitForAsyncUtils;

/** Screen positions for robot clicks and drags in the headless window tests. */
final class ScreenPositions {
    private ScreenPositions() {
    }

    /**
     * Where {@code local} is on the screen once the layout has stopped moving. A status line or panel that appears a
     * moment after a key press can shift the timeline by a few pixels (10 px seen on a loaded CI machine), and a drag
     * aimed at the old position then grabs nothing; so wait until the position holds for a few polls.
     */
    static Bounds settled(Node node, Bounds local) throws Exception {
        Bounds[] last = {null};
        int[] same = {0};
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            Bounds now = WaitForAsyncUtils.asyncFx(() -> node.localToScreen(local)).get();
            same[0] = now.equals(last[0]) ? same[0] + 1 : 0;
            last[0] = now;
            if (same[0] < 4) {
                Thread.sleep(50);
                return false;
            }
            return true;
        });
        return last[0];
    }
}
