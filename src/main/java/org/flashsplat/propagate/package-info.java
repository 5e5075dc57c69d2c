/**
 * "Propagate this object" (issue 18): the object lifted to 3D, rendered in every other view and
 * sharpened there by SAM, as proposals the user accepts or rejects view by view. {@link
 * org.flashsplat.propagate.ObjectPropagation} makes them, {@link org.flashsplat.propagate.Proposal}
 * holds one and the mask edit accepting it. Headless (the studio drives it as a job).
 */
package org.flashsplat.propagate;
