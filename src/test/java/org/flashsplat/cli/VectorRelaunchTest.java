package org.flashsplat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VectorRelaunchTest {
    @Test
    void insertsTheModuleBeforeTheOriginalArguments() {
        var cmd =
                VectorRelaunch.command(
                        Optional.of("/opt/jdk/bin/java"),
                        Optional.of(new String[] {"-Xmx2g", "-jar", "flashsplat.jar", "bench"}));
        assertThat(cmd)
                .contains(
                        List.of(
                                "/opt/jdk/bin/java",
                                "--add-modules",
                                "jdk.incubator.vector",
                                "-Dflashsplat.relaunched=true",
                                "-Xmx2g",
                                "-jar",
                                "flashsplat.jar",
                                "bench"));
    }

    @Test
    void leavesOtherLaunchersAndUnknownCommandLinesAlone() {
        assertThat(
                        VectorRelaunch.command(
                                Optional.of("/opt/FlashSplat/bin/FlashSplat"),
                                Optional.of(new String[] {"bench"})))
                .isEmpty();
        assertThat(VectorRelaunch.command(Optional.of("/usr/bin/java"), Optional.empty()))
                .isEmpty();
    }

    @Test
    void aCommandLineReportedCutShortIsNotRelaunched() {
        String[] program = {"accumulate", "--out", "/tmp/x"};
        String[] whole = {
            "-Xmx1g", "-cp", "a.jar", "org.flashsplat.cli.Main", "accumulate", "--out", "/tmp/x"
        };
        String[] cut = {"-Xmx1g", "-cp", "a.jar", "org.flashsplat.cli.Main", "accumulate", "--out"};
        assertThat(VectorRelaunch.endsWith(Optional.of(whole), program)).isTrue();
        assertThat(VectorRelaunch.endsWith(Optional.of(cut), program)).isFalse();
        assertThat(VectorRelaunch.endsWith(Optional.empty(), program)).isFalse();
    }
}
