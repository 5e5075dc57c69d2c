/**
 * The correction loop: edit masks, see the 3D result follow exactly, find the masks that disagree
 * with it, and propagate the 3D result back to the masks. Headless; the studio's view models drive
 * it from a worker thread.
 *
 * <ul>
 *   <li>{@link org.flashsplat.correct.CorrectionSession} holds the masks, the contributions A and
 *       the segmentation. {@code apply(MaskEdit)} takes one edit (the studio's undo step: pixels,
 *       labels before, labels after; an undo is {@code edit.inverse()}), updates A by the changed
 *       pixels only and re-assigns; the result is bit-identical to a full re-accumulation. {@code
 *       setParams} re-assigns for another gamma without rendering.
 *   <li>{@link org.flashsplat.correct.Disagreement} compares an input mask with the mask the 3D
 *       result renders: per-object IoU, a per-pixel map (agree, missing, extra, wrong object) and a
 *       score; {@code CorrectionSession.disagreements} ranks all views worst first.
 *   <li>{@link org.flashsplat.correct.Propagation} replaces masks of one, some or all views by the
 *       rendered ones as an undoable command of {@link org.flashsplat.correct.MaskEdit}s, and
 *       exports a mask set as instance-ID PNGs.
 * </ul>
 */
package org.flashsplat.correct;
