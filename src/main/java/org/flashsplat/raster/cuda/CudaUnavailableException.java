package org.flashsplat.raster.cuda;

/**
 * Why the CUDA backend cannot run here (no driver, no device, built without kernels, too old a
 * driver).
 */
public class CudaUnavailableException extends Exception {
    public CudaUnavailableException(String reason) {
        super(reason);
    }

    public CudaUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
