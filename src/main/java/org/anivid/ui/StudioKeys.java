package org.anivid.ui;

import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.anivid.core.Clip;

/**
 * The curation keys of {@link Shortcuts} (the viewer's playback keys live in {@link ViewerPane}): navigation between
 * cuts, proposals and problem frames, the corrections at the playhead, undo/redo and timeline zoom. They work
 * anywhere in the window except while typing; ↑/↓ leave lists and the library tree their own navigation.
 */
final class StudioKeys {
    private final StudioWindow window;

    StudioKeys(StudioWindow window) {
        this.window = window;
    }

    void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl) {
                return;
            }
            if (handle(e.getCode(), e.isShiftDown(), e.isShortcutDown(), e.getTarget())) {
                e.consume();
            }
        });
    }

    /** Runs the action of one key press; false when the key is not ours (it then goes on to the focused control). */
    boolean handle(KeyCode code, boolean shift, boolean shortcut, Object target) {
        CurationViewModel curation = window.curationModel();
        ViewerViewModel viewer = window.viewerModel();
        int frame = Math.max(0, viewer.targetFrame());
        if (shortcut) {
            return switch (code) {
                case Z -> {
                    if (shift) {
                        curation.redo();
                    } else {
                        curation.undo();
                    }
                    yield true;
                }
                case Y -> {
                    curation.redo();
                    yield true;
                }
                default -> false;
            };
        }
        boolean inList = target instanceof ListView || target instanceof TreeView || target instanceof ComboBoxBase;
        switch (code) {
            case DOWN, UP -> {
                if (inList) {
                    return false;
                }
                jump(code == KeyCode.DOWN ? curation.nextCut(frame) : curation.previousCut(frame));
            }
            case N -> jump(curation.nextProposal(frame, !shift));
            case P -> jump(curation.nextProblem(frame, !shift));
            case A, R -> decide(code == KeyCode.A, frame);
            case C -> {
                if (shift) {
                    curation.mergeWithPrevious(frame);
                } else {
                    curation.addCut(frame);
                }
            }
            case U -> curation.toggleShotUsable(frame);
            case DELETE, BACK_SPACE -> curation.deleteSelectedBox();
            case ESCAPE -> curation.clearSelection();
            case PLUS, ADD, EQUALS -> window.timelinePane().zoom(1.6);
            case MINUS, SUBTRACT -> window.timelinePane().zoom(1 / 1.6);
            case DIGIT0, NUMPAD0 -> window.timelinePane().showAll();
            default -> {
                return false;
            }
        }
        return true;
    }

    private void jump(int frame) {
        if (frame >= 0) {
            window.viewerModel().pause();
            window.viewerModel().seek(frame);
            window.timelinePane().reveal(frame);
        }
    }

    /**
     * A/R: while the review queue's selected clip is the one under the playhead, the queue decides it and moves on to
     * the next clip; otherwise the clip at the playhead is decided in place.
     */
    private void decide(boolean accept, int frame) {
        ReviewQueueViewModel review = window.reviewModel();
        ReviewQueueViewModel.Item item = review.selectedProperty().get();
        Clip here = window.curationModel().clipAt(frame);
        if (item != null && here != null && item.clip().id() == here.id()) {
            if (accept) {
                review.acceptSelected();
            } else {
                review.rejectSelected();
            }
        } else if (accept) {
            window.curationModel().accept(frame);
        } else {
            window.curationModel().reject(frame);
        }
    }
}
