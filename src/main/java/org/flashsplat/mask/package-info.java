/**
 * Masks: reading every form users have, writing instance-ID PNGs and COCO RLE.
 *
 * <p>Rules fixed here (DESIGN.md section 3 leaves them open):
 *
 * <ul>
 *   <li>Matching: by file stem, tolerating one image extension kept in the stem ({@code
 *       IMG_1.JPG.png} for camera {@code IMG_1}); see MaskFiles.
 *   <li>Form: one per folder, from the files' headers; 8/16-bit grey PNGs are instance IDs unless
 *       every file holds only 0 and its largest value (255 at 8 bits), which makes them binary
 *       (label 1). Palette PNGs give the palette index. RGB PNGs: black is 0, other colours are
 *       numbered 1.. in ascending packed-RGB order over the whole folder (alpha ignored; 16-bit
 *       channels read by their high byte). JPEGs are binary: grey (or BT.601 luma) >= 128 is 1.
 *   <li>Ignore: 65535 in a 16-bit grey ID PNG is {@link org.flashsplat.mask.LabelMask#IGNORE}
 *       (pixels that vote for nothing), not a label; see docs/MASK-FORMATS.md.
 *   <li>SAM JSON: IDs are local to each file, 1 + index in the file; overlapping entries are
 *       painted largest area first so smaller parts stay visible.
 *   <li>Resampling: nearest neighbour under the destination pixel centre ({@link
 *       org.flashsplat.mask.MaskResampler}); aspect ratios must agree within 1%.
 *   <li>Binary decision, colour numbering and label count cover every mask file of the folder, also
 *       those without a camera, so they do not depend on which cameras were given.
 * </ul>
 */
package org.flashsplat.mask;
