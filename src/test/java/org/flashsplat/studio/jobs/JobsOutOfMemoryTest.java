package org.flashsplat.studio.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.flashsplat.core.MemoryBudget;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.QueuedUi;
import org.flashsplat.studio.StudioViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job that runs out of memory ends in one notice saying what to change, logs no stack trace, and
 * the studio takes the next job as before. Without the toolkit: a queue is the UI thread.
 */
class JobsOutOfMemoryTest {
    private final QueuedUi ui = new QueuedUi();
    private final StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);
    private final Logger log = Logger.getLogger("org.flashsplat.studio");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture =
            new Handler() {
                @Override
                public void publish(LogRecord r) {
                    records.add(r);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };

    @AfterEach
    void close() {
        log.removeHandler(capture);
        vm.close();
    }

    @Test
    void aJobOutOfMemoryBecomesOneNoticeAndTheNextJobRuns() throws Exception {
        log.addHandler(capture);
        boolean[] doneCalled = {false};
        assertThat(
                        vm.jobs()
                                .run(
                                        "Accumulate",
                                        p -> {
                                            throw new OutOfMemoryError("Java heap space");
                                        },
                                        r -> doneCalled[0] = true))
                .isTrue();
        ui.await(() -> !vm.jobs().runningProperty().get(), 30);
        ui.drain();

        var notice = vm.noticeProperty().get();
        assertThat(notice.error()).isTrue();
        assertThat(notice.text())
                .isEqualTo("Accumulate: " + MemoryBudget.outOfMemory())
                .startsWith("Accumulate: out of memory (the JVM may use ")
                .contains("-Xmx")
                .doesNotContain("java.lang", "\n", "Java heap space");
        assertThat(vm.statusProperty().get()).isEqualTo(notice.text());
        assertThat(doneCalled[0]).isFalse();
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().getThrown()).as("no stack trace in the log").isNull();

        // The studio is still usable: the next job runs and finishes normally.
        int[] result = {0};
        assertThat(vm.jobs().run("Next", p -> 42, r -> result[0] = r)).isTrue();
        ui.await(() -> result[0] == 42, 30);
        assertThat(vm.jobs().runningProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("Next: done");
    }

    @Test
    void otherFailuresStillLogTheirStackTrace() throws Exception {
        log.addHandler(capture);
        vm.jobs()
                .run(
                        "Broken",
                        p -> {
                            throw new IllegalStateException("a bug");
                        },
                        r -> {});
        ui.await(() -> !vm.jobs().runningProperty().get(), 30);
        ui.drain();
        assertThat(vm.noticeProperty().get().text()).isEqualTo("Broken: a bug");
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().getThrown()).isInstanceOf(IllegalStateException.class);
    }
}
