package org.anivid.faces.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.anivid.core.BoundingBox;
import org.anivid.torch.Scalars;
import org.anivid.torch.Slices;

/**
 * Generalised intersection over union (Rezatofighi et al. 2019), the paper's box loss ({@code 1 − GIoU}, as
 * YOLOv5's {@code bbox_iou(..., GIoU=True)}):
 *
 * <pre>
 *   GIoU(A, B) = IoU(A, B) − |C \ (A ∪ B)| / |C|,   C the smallest box enclosing A and B
 * </pre>
 *
 * GIoU is 1 for identical boxes, equals the IoU when one box holds the other (C is the outer box), and keeps
 * falling below 0 (towards −1) as disjoint boxes move apart, so the loss has a gradient where plain IoU has none.
 */
public final class Giou {
    /** YOLOv5's guard against empty boxes and unions in the differentiable form. */
    static final float EPS = 1e-7f;

    private Giou() {
    }

    /**
     * GIoU of two corner boxes {@code [x1, y1, x2, y2]}, exactly (no epsilon). Empty boxes give an IoU of 0; when
     * the enclosing box is empty too (two identical points) the GIoU is 0.
     */
    public static double giou(double ax1, double ay1, double ax2, double ay2, double bx1, double by1, double bx2,
            double by2) {
        double aw = Math.max(0, ax2 - ax1);
        double ah = Math.max(0, ay2 - ay1);
        double bw = Math.max(0, bx2 - bx1);
        double bh = Math.max(0, by2 - by1);
        double iw = Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1));
        double ih = Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1));
        double inter = iw * ih;
        double union = aw * ah + bw * bh - inter;
        double iou = union > 0 ? inter / union : 0;
        double cw = Math.max(ax2, bx2) - Math.min(ax1, bx1);
        double ch = Math.max(ay2, by2) - Math.min(ay1, by1);
        double enclosing = cw * ch;
        return enclosing > 0 ? iou - (enclosing - union) / enclosing : iou;
    }

    public static double giou(BoundingBox a, BoundingBox b) {
        return giou(a.x1(), a.y1(), a.x2(), a.y2(), b.x1(), b.y1(), b.x2(), b.y2());
    }

    /** The box loss of one pair: {@code 1 − GIoU}, in [0, 2]. */
    public static double loss(BoundingBox predicted, BoundingBox target) {
        return 1 - giou(predicted, target);
    }

    /**
     * Differentiable GIoU of box pairs given as centre and size, {@code (N, 4)} arrays {@code cx, cy, w, h}, as
     * YOLOv5 computes it (widths and heights floored at ε, ε added to the union and the enclosing area).
     *
     * @return {@code (N)} GIoU values
     */
    public static NDArray giou(NDArray predicted, NDArray target) {
        // Numbers and slices only in graph-safe forms (docs/decisions/0013).
        NDArray eps = Scalars.of(predicted, EPS);
        NDArray[] a = corners(predicted);
        NDArray[] b = corners(target);
        NDArray w1 = a[2].sub(a[0]);
        NDArray h1 = a[3].sub(a[1]).maximum(eps);
        NDArray w2 = b[2].sub(b[0]);
        NDArray h2 = b[3].sub(b[1]).maximum(eps);
        NDArray iw = Activation.relu(a[2].minimum(b[2]).sub(a[0].maximum(b[0])));
        NDArray ih = Activation.relu(a[3].minimum(b[3]).sub(a[1].maximum(b[1])));
        NDArray inter = iw.mul(ih);
        NDArray union = w1.mul(h1).add(w2.mul(h2)).sub(inter).add(eps);
        NDArray iou = inter.div(union);
        NDArray cw = a[2].maximum(b[2]).sub(a[0].minimum(b[0]));
        NDArray ch = a[3].maximum(b[3]).sub(a[1].minimum(b[1]));
        NDArray enclosing = cw.mul(ch).add(eps);
        return iou.sub(enclosing.sub(union).div(enclosing));
    }

    /** x1, y1, x2, y2 columns of {@code (N, 4)} centre-size boxes. */
    private static NDArray[] corners(NDArray cxcywh) {
        NDArray cx = Slices.select(cxcywh, 1, 0);
        NDArray cy = Slices.select(cxcywh, 1, 1);
        NDArray half = Scalars.of(cxcywh, 0.5);
        NDArray halfW = Slices.select(cxcywh, 1, 2).mul(half);
        NDArray halfH = Slices.select(cxcywh, 1, 3).mul(half);
        return new NDArray[] {cx.sub(halfW), cy.sub(halfH), cx.add(halfW), cy.add(halfH)};
    }
}
