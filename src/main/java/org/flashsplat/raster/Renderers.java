package org.flashsplat.raster;

import java.util.Locale;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Progress;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.raster.cuda.CudaRenderer;
import org.flashsplat.raster.cuda.CudaUnavailableException;

/** Picks the backend: the one place that knows both implementations. */
public final class Renderers {
    private Renderers() {}

    /** Which backend the user asked for. */
    public enum Backend {
        AUTO,
        CPU,
        CUDA;

        public static Backend parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InputException(
                        null, "--backend", "unknown backend '" + s + "' (auto, cpu or cuda)");
            }
        }
    }

    /**
     * The {@link Renderer#kind()} that {@link #open} gives for {@code backend}, without opening
     * one: AUTO is "cuda" when the kernels, the driver and a capable device are there. The one case
     * it misjudges is a context that then fails to open (AUTO falls back to the CPU); callers that
     * hold a renderer use its own {@link Renderer#kind()} instead.
     */
    public static String kind(Backend backend) {
        return switch (backend) {
            case CPU -> "cpu";
            case CUDA -> "cuda";
            case AUTO -> CudaRenderer.unavailableReason() == null ? "cuda" : "cpu";
        };
    }

    /**
     * The GPU memory of the process's CUDA backend as last sampled, or null when no CUDA session is
     * open (the CPU backend, or no GPU); never waits for the GPU.
     */
    public static DeviceMemory deviceMemory() {
        return CudaRenderer.memoryNow();
    }

    /**
     * Opens a renderer. AUTO takes CUDA when a device and the kernels are there, else the CPU, and
     * says which and why through {@code progress}; CUDA without a usable device fails with the
     * reason.
     */
    /**
     * Starts compiling the CPU blend in the background (see {@code BlendWarmUp}); for commands that
     * are about to render, called before they read their input.
     */
    public static void warmUpCpu() {
        org.flashsplat.raster.cpu.BlendWarmUp.startInBackground();
    }

    public static Renderer open(Backend backend, Progress progress) {
        return open(backend, 0, progress);
    }

    /**
     * @param cpuThreads threads for the CPU backend; 0 for all cores
     */
    public static Renderer open(Backend backend, int cpuThreads, Progress progress) {
        int threads = cpuThreads > 0 ? cpuThreads : Runtime.getRuntime().availableProcessors();
        return switch (backend) {
            case CPU -> new CpuRenderer(threads);
            case CUDA -> {
                try {
                    yield CudaRenderer.open();
                } catch (CudaUnavailableException e) {
                    throw new InputException(
                            null, "--backend cuda", "no usable CUDA device: " + e.getMessage());
                }
            }
            case AUTO -> {
                try {
                    Renderer r = CudaRenderer.open();
                    progress.message("backend: " + r.description());
                    yield r;
                } catch (CudaUnavailableException e) {
                    Renderer r = new CpuRenderer(threads);
                    progress.message(
                            "backend: "
                                    + r.description()
                                    + " (CUDA not used: "
                                    + e.getMessage()
                                    + ")");
                    yield r;
                }
            }
        };
    }
}
