package org.flashsplat.raster.cuda;

import org.flashsplat.raster.Renderer;

/**
 * The CUDA backend. This build has no CUDA implementation yet, so it always reports itself
 * unavailable.
 */
public final class CudaRenderer {
    private CudaRenderer() {}

    public static Renderer open() throws CudaUnavailableException {
        throw new CudaUnavailableException("this build has no CUDA backend");
    }
}
