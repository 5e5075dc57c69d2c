package org.flashsplat.raster.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Finds out, without ever crashing the JVM, whether the CUDA backend can run: kernels in this
 * build, the driver library, a device, a new enough driver. Each failure becomes a {@link
 * CudaUnavailableException} with a reason a user can act on.
 */
final class CudaProbe {
    static final String FATBIN = "flashsplat.fatbin";

    /** PTX for drivers older than the toolkit (see cuda/build-kernels.sh). */
    static final String COMPAT_PTX = "flashsplat-compat.ptx";

    static final String PROPERTIES = "kernels.properties";

    /** Which kernel image the driver loads. */
    enum Image {
        /** SASS for sm_75..sm_90 plus compute_90 PTX: needs a driver of the toolkit's major. */
        FATBIN,
        /** compute_75 PTX of an older ISA, JIT-compiled by the driver: for older drivers. */
        COMPAT_PTX
    }

    /** The CUDA driver version cuDriverGetVersion gave (e.g. 12040), 0 before the probe. */
    private static int driverVersion;

    /** Oldest compute capability the fatbin has SASS for (major * 10 + minor). */
    static final int MIN_CAPABILITY = 75;

    /** Driver state is process-wide: probe once, remember the outcome (reason or null). */
    private static String driverFailure;

    private static boolean driverProbed;

    private CudaProbe() {}

    /** The kernel image with a trailing 0 (cuModuleLoadData reads it as a C string if PTX). */
    static byte[] kernels() throws CudaUnavailableException {
        try (InputStream in = CudaProbe.class.getResourceAsStream(FATBIN)) {
            if (in == null) {
                throw new CudaUnavailableException(
                        "this build has no CUDA kernels (built without nvcc)");
            }
            byte[] image = in.readAllBytes();
            byte[] z = new byte[image.length + 1];
            System.arraycopy(image, 0, z, 0, image.length);
            return z;
        } catch (IOException e) {
            throw new CudaUnavailableException(
                    "cannot read the CUDA kernels: " + e.getMessage(), e);
        }
    }

    /** The CUDA toolkit version the kernels were built with, e.g. "13.0" (null when unknown). */
    static String kernelToolkit() {
        return property("cuda.toolkit");
    }

    /** The oldest CUDA driver that JIT-compiles the compatibility PTX, e.g. "12.0" (or null). */
    static String compatDriver() {
        return property("cuda.compat.driver");
    }

    private static String property(String key) {
        try (InputStream in = CudaProbe.class.getResourceAsStream(PROPERTIES)) {
            if (in == null) return null;
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty(key, "").trim();
            return v.isEmpty() ? null : v;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The rule for which image a driver loads. A fatbin from toolkit X.Y needs a driver of CUDA X.0
     * or newer; an older driver JIT-compiles the compatibility PTX if it is at least {@code
     * compatDriver}; otherwise the reason says what to update.
     *
     * @param driver cuDriverGetVersion's value, 1000 * major + 10 * minor (12040 is 12.4)
     * @param toolkit "13.0", or null when unknown (then the fatbin is tried)
     * @param compatDriver "12.0", or null when this build has no compatibility PTX
     */
    static Image choose(int driver, String toolkit, String compatDriver)
            throws CudaUnavailableException {
        if (toolkit == null || driver >= 1000 * major(toolkit)) return Image.FATBIN;
        if (compatDriver != null && driver >= version(compatDriver)) return Image.COMPAT_PTX;
        throw new CudaUnavailableException(
                "driver too old: supports CUDA "
                        + driver / 1000
                        + "."
                        + driver % 1000 / 10
                        + ", kernels need "
                        + (compatDriver != null ? compatDriver : toolkit)
                        + " or newer (update the NVIDIA driver)");
    }

    /**
     * The image for this driver ({@link #driver()} has passed), with a trailing 0 (cuModuleLoadData
     * reads PTX as a C string).
     */
    static byte[] image() throws CudaUnavailableException {
        Image which =
                choose(driverVersion, kernelToolkit(), compatPresent() ? compatDriver() : null);
        return which == Image.FATBIN ? kernels() : resource(COMPAT_PTX);
    }

    private static boolean compatPresent() {
        return CudaProbe.class.getResource(COMPAT_PTX) != null;
    }

    private static byte[] resource(String name) throws CudaUnavailableException {
        try (InputStream in = CudaProbe.class.getResourceAsStream(name)) {
            if (in == null) throw new CudaUnavailableException("this build has no " + name);
            byte[] image = in.readAllBytes();
            byte[] z = new byte[image.length + 1];
            System.arraycopy(image, 0, z, 0, image.length);
            return z;
        } catch (IOException e) {
            throw new CudaUnavailableException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** Loads JCuda's native library and initialises the driver; throws the reason if it cannot. */
    static synchronized void driver() throws CudaUnavailableException {
        if (!driverProbed) {
            driverFailure = probeDriver();
            driverProbed = true;
        }
        if (driverFailure != null) throw new CudaUnavailableException(driverFailure);
    }

    private static String probeDriver() {
        try {
            // Return codes, not exceptions, while probing: exceptions are enabled afterwards.
            JCudaDriver.setExceptionsEnabled(false);
            int rc = cuInit(0);
            if (rc == CUresult.CUDA_ERROR_NO_DEVICE) return "no CUDA device";
            if (rc == CUresult.CUDA_ERROR_SYSTEM_DRIVER_MISMATCH) {
                return "CUDA driver does not match the kernel module (reboot or reinstall the driver)";
            }
            if (rc != CUresult.CUDA_SUCCESS) {
                return "CUDA driver failed to initialise: " + CUresult.stringFor(rc);
            }
            int[] count = {0};
            if (cuDeviceGetCount(count) != CUresult.CUDA_SUCCESS || count[0] == 0) {
                return "no CUDA device";
            }
            int[] version = {0};
            cuDriverGetVersion(version);
            driverVersion = version[0];
            try {
                choose(driverVersion, kernelToolkit(), compatPresent() ? compatDriver() : null);
            } catch (CudaUnavailableException e) {
                return e.getMessage();
            }
            return null;
        } catch (UnsatisfiedLinkError e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("libcuda")) return "no CUDA driver (libcuda.so.1 not found)";
            return "cannot load the JCuda native library: " + m;
        } catch (LinkageError | RuntimeException e) {
            // ExceptionInInitializerError, NoClassDefFoundError, JCuda's own loader errors
            String m = String.valueOf(e.getMessage());
            Throwable c = e.getCause();
            if (m.contains("libcuda") || (c != null && String.valueOf(c).contains("libcuda"))) {
                return "no CUDA driver (libcuda.so.1 not found)";
            }
            return "cannot load the JCuda native library: " + e;
        }
    }

    /** Device 0's compute capability check; the caller has passed {@link #driver()}. */
    static CUdevice device() throws CudaUnavailableException {
        CUdevice dev = new CUdevice();
        cuDeviceGet(dev, 0);
        int[] major = {0}, minor = {0};
        cuDeviceGetAttribute(
                major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
        cuDeviceGetAttribute(
                minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
        if (major[0] * 10 + minor[0] < MIN_CAPABILITY) {
            throw new CudaUnavailableException(
                    "GPU has compute capability "
                            + major[0]
                            + "."
                            + minor[0]
                            + "; the kernels need 7.5 or newer");
        }
        return dev;
    }

    private static int major(String version) {
        return version(version) / 1000;
    }

    /** "12.4" as cuDriverGetVersion writes it (12040); 0 when unreadable. */
    static int version(String v) {
        try {
            int dot = v.indexOf('.');
            if (dot < 0) return 1000 * Integer.parseInt(v);
            return 1000 * Integer.parseInt(v.substring(0, dot))
                    + 10 * Integer.parseInt(v.substring(dot + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
