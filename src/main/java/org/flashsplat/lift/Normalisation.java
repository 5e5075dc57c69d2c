package org.flashsplat.lift;

/**
 * How contributions become shares before the gamma test. L1 is the paper's; L2 reproduces results
 * made with the original FlashSplat code.
 */
public enum Normalisation {
    L1,
    L2
}
