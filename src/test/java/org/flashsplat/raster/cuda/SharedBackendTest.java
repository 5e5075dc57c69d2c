package org.flashsplat.raster.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.flashsplat.scene.GaussianScene;
import org.junit.jupiter.api.Test;

/**
 * One backend per process (review finding 3), checked with a fake device: sessions share one
 * backend and its one copy of the scene, which is uploaded once per scene, and the backend closes
 * with its last session.
 */
class SharedBackendTest {
    /** Stands in for {@link CudaBackend}: records uploads and closing. */
    static final class FakeDevice implements AutoCloseable {
        final List<GaussianScene> uploaded = new ArrayList<>();
        final SceneSlot scene = new SceneSlot(uploaded::add);
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<FakeDevice> devices = new ArrayList<>();
    private final SharedBackend<FakeDevice> shared =
            new SharedBackend<>(
                    () -> {
                        FakeDevice d = new FakeDevice();
                        devices.add(d);
                        return d;
                    });

    @Test
    void twoSessionsOnOneSceneOpenOnceAndUploadOnce() throws Exception {
        GaussianScene s = CpuGpuAgreementGpuTest.randomScene(100, 0, 1);
        var accumulate = shared.lease();
        var preview = shared.lease();
        assertThat(preview.get()).isSameAs(accumulate.get());
        accumulate.get().scene.use(s);
        preview.get().scene.use(s);
        accumulate.get().scene.use(s);
        assertThat(devices).hasSize(1);
        assertThat(devices.get(0).uploaded).containsExactly(s);
        assertThat(devices.get(0).scene.uploads()).isEqualTo(1);
        accumulate.close();
        preview.close();
    }

    @Test
    void anotherSceneIsUploadedWhenItComesIn() throws Exception {
        GaussianScene a = CpuGpuAgreementGpuTest.randomScene(100, 0, 1);
        GaussianScene b = CpuGpuAgreementGpuTest.randomScene(100, 0, 2);
        try (var one = shared.lease();
                var two = shared.lease()) {
            one.get().scene.use(a);
            two.get().scene.use(b);
            two.get().scene.use(b);
            one.get().scene.use(a);
            assertThat(devices.get(0).uploaded).containsExactly(a, b, a);
        }
    }

    @Test
    void theBackendClosesWithItsLastSessionAndReopensForTheNext() throws Exception {
        var one = shared.lease();
        var two = shared.lease();
        one.close();
        one.close(); // twice releases once
        assertThat(devices.get(0).closed).isFalse();
        assertThat(shared.current()).isSameAs(devices.get(0));
        two.close();
        assertThat(devices.get(0).closed).isTrue();
        assertThat(shared.current()).isNull();
        try (var three = shared.lease()) {
            assertThat(three.get()).isNotSameAs(devices.get(0));
        }
        assertThat(shared.opened()).isEqualTo(2);
    }

    @Test
    void aBackendThatCannotOpenLeavesNothingHeld() throws Exception {
        int[] tries = {0};
        SharedBackend<FakeDevice> failing =
                new SharedBackend<>(
                        () -> {
                            if (tries[0]++ == 0) throw new CudaUnavailableException("no device");
                            return new FakeDevice();
                        });
        assertThatThrownBy(failing::lease).hasMessage("no device");
        assertThat(failing.current()).isNull();
        try (var l = failing.lease()) {
            assertThat(l.get()).isNotNull();
        }
        assertThat(failing.opened()).isEqualTo(1);
    }

    @Test
    void aFailedUploadIsRetriedByTheNextUse() throws Exception {
        GaussianScene s = CpuGpuAgreementGpuTest.randomScene(10, 0, 3);
        int[] calls = {0};
        SceneSlot slot =
                new SceneSlot(
                        x -> {
                            if (calls[0]++ == 0) throw new IllegalStateException("out of memory");
                        });
        assertThatThrownBy(() -> slot.use(s)).hasMessage("out of memory");
        slot.use(s);
        slot.use(s);
        assertThat(calls[0]).isEqualTo(2);
    }
}
