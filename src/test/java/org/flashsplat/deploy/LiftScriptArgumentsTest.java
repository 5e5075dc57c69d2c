package org.flashsplat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/slurm/lift.sh refuses bad arguments with one line and exit 2, before it needs Slurm or
 * Java (so this runs everywhere bash does; SlurmLiftIT covers the runs themselves).
 */
class LiftScriptArgumentsTest {
    static final String GOLDEN = "src/test/resources/golden/tabletop";

    @TempDir static Path tmp;

    @BeforeAll
    static void needsBash() {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/bin/bash")), "lift.sh is a bash script: no /bin/bash");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "--scene S",
                "--scene @G --cameras @G/cameras.json --masks @G/masks --out @O --shards 0",
                "--scene @G --cameras @G/cameras.json --masks @G/masks --out @O --shards two",
                "--scene @G --cameras @G/cameras.json --masks @G/masks --out @O --shards 3 --bogus 1",
                "--scene @G --cameras @G/cameras.json --masks @G/masks --out @O --shards",
                "--scene @G --cameras @G/cameras.json --masks @G/masks --out @O --shards 3 stray",
                "--scene @G/none.ply --cameras @G/cameras.json --masks @G/masks --out @O --shards 3",
                "--scene @G --cameras @G/none.json --masks @G/masks --out @O --shards 3",
                "--scene @G --cameras @G/cameras.json --masks @G/none --out @O --shards 3",
                "--scene @G --cameras @G/cameras.json --masks @G/masks --out @O --shards 3 --gpus-per-shard 0",
                "--scene @G --cameras @G/cameras.json --masks @G/masks --out @O --shards 3 --cpus-per-shard=x",
            })
    void badArgumentsGetOneLineAndExit2(String args) throws Exception {
        List<String> command = new ArrayList<>(List.of("deploy/slurm/lift.sh"));
        for (String a : args.split(" ")) {
            if (a.isEmpty()) continue;
            command.add(a.replace("@G", GOLDEN).replace("@O", tmp.resolve("out").toString()));
        }
        Path err = tmp.resolve("err.txt");
        Process p =
                new ProcessBuilder(command)
                        .redirectError(err.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(err);
        assertThat(p.exitValue()).as("exit status; stderr: %s", lines).isEqualTo(2);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("lift.sh: ");
        assertThat(tmp.resolve("out")).as("nothing written on bad input").doesNotExist();
    }
}
