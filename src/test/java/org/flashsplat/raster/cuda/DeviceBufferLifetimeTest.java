package org.flashsplat.raster.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/** Host-side check of finding 4 of issue 15: a buffer in use is never freed before a sync. */
class DeviceBufferLifetimeTest {
    private final List<String> calls = new ArrayList<>();

    private final DeviceBuffer.Driver recording =
            new DeviceBuffer.Driver() {
                @Override
                public void alloc(CUdeviceptr p, long bytes) {
                    calls.add("alloc " + bytes);
                }

                @Override
                public void free(CUdeviceptr p) {
                    calls.add("free");
                }

                @Override
                public void synchronize() {
                    calls.add("sync");
                }
            };

    @Test
    void growingSynchronisesBeforeFreeingTheOldAllocation() {
        try (DeviceBuffer b = new DeviceBuffer("test", recording)) {
            b.ensure(1000);
            b.ensure(900); // fits: nothing happens
            b.ensure(4000);
        }
        assertThat(calls).containsExactly("alloc 1125", "sync", "free", "alloc 4500", "free");
    }

    @Test
    void theFirstAllocationNeedsNoSync() {
        try (DeviceBuffer b = new DeviceBuffer("test", recording)) {
            b.ensure(10);
        }
        assertThat(calls).containsExactly("alloc 256", "free");
    }
}
