package org.flashsplat.raster.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import org.flashsplat.core.CancelledException;

/**
 * The CUDA context, its module and streams, owned by ONE thread: every driver call of the backend
 * goes through {@link #call}, so the context is current exactly where it is used and no two threads
 * ever race on it.
 */
final class CudaContext implements AutoCloseable {
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "cuda");
                        t.setDaemon(true);
                        return t;
                    });
    private final Map<String, CUfunction> functions = new HashMap<>();
    private CUdevice device;
    private CUcontext context;
    private CUmodule module;

    /** Kernels run on {@code stream}; mask uploads overlap them on {@code copyStream}. */
    CUstream stream, copyStream;

    String name;
    long totalMemory;

    private CudaContext() {}

    static CudaContext open(byte[] fatbin) throws CudaUnavailableException {
        CudaContext c = new CudaContext();
        try {
            String failure = c.call(() -> c.init(fatbin));
            if (failure != null) throw new CudaUnavailableException(failure);
            return c;
        } catch (CudaUnavailableException e) {
            c.close();
            throw e;
        } catch (RuntimeException e) {
            // e.g. the device is in exclusive or prohibited mode: a reason, so AUTO can fall back
            c.close();
            throw new CudaUnavailableException("CUDA initialisation failed: " + e.getMessage(), e);
        }
    }

    private String init(byte[] fatbin) {
        try {
            device = CudaProbe.device();
        } catch (CudaUnavailableException e) {
            return e.getMessage();
        }
        JCudaDriver.setExceptionsEnabled(true);
        context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, device);
        cuCtxSetCurrent(context);
        module = new CUmodule();
        try {
            cuModuleLoadData(module, fatbin);
        } catch (CudaException e) {
            module = null;
            String m = String.valueOf(e.getMessage());
            if (m.contains(CUresult.stringFor(CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU))
                    || m.contains(
                            CUresult.stringFor(CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION))) {
                return "the kernels in this build do not run on this GPU or driver (" + m + ")";
            }
            return "cannot load the CUDA kernels: " + m;
        }
        stream = new CUstream();
        cuStreamCreate(stream, 0);
        copyStream = new CUstream();
        cuStreamCreate(copyStream, 0);
        byte[] raw = new byte[256];
        cuDeviceGetName(raw, raw.length, device);
        int len = 0;
        while (len < raw.length && raw[len] != 0) len++;
        name = new String(raw, 0, len, StandardCharsets.UTF_8);
        long[] total = {0};
        cuDeviceTotalMem(total, device);
        totalMemory = total[0];
        return null;
    }

    CUfunction function(String kernel) {
        return functions.computeIfAbsent(
                kernel,
                k -> {
                    CUfunction f = new CUfunction();
                    cuModuleGetFunction(f, module, k);
                    return f;
                });
    }

    /** Most device memory seen in use (total - free, all processes), sampled per view. */
    long peakUsed;

    /** Free device memory now (bytes); on the CUDA thread. Also samples the peak in use. */
    long freeMemory() {
        long[] free = {0}, total = {0};
        cuMemGetInfo(free, total);
        peakUsed = Math.max(peakUsed, total[0] - free[0]);
        return free[0];
    }

    /** Runs {@code work} on the CUDA thread and waits for it. */
    <T> T call(Callable<T> work) {
        try {
            return thread.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c.getMessage(), c);
        }
    }

    /** Unloads the module and releases the context (reverse order of creation), then the thread. */
    @Override
    public void close() {
        if (thread.isShutdown()) return;
        try {
            thread.submit(
                            () -> {
                                if (stream != null) cuStreamDestroy(stream);
                                if (copyStream != null) cuStreamDestroy(copyStream);
                                if (module != null) cuModuleUnload(module);
                                if (context != null) cuDevicePrimaryCtxRelease(device);
                                return null;
                            })
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // closing: nothing more to free; the driver reclaims the rest at exit
        } finally {
            thread.shutdownNow();
        }
    }
}
