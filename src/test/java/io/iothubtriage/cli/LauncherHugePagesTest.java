package io.iothubtriage.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher asks for transparent huge pages for the demo's heap only where the kernel offers them (its setting in
 * {@code /sys/kernel/mm/transparent_hugepage/enabled} is {@code always} or {@code madvise}): elsewhere the JVM would
 * print a warning on every run. Run against a copy of the launcher with a stand-in {@code java} that prints its
 * options; what is expected follows this machine's kernel setting, so each machine checks its own branch.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherHugePagesTest {

    private static final String THP = "-XX:+UseTransparentHugePages";
    private static final Path SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    @TempDir
    Path dir;
    private LauncherCopy launcher;

    @BeforeEach
    void copyLauncher() throws IOException {
        launcher = new LauncherCopy(dir, "#!/bin/sh\necho \"$@\"\n");
    }

    private static boolean kernelOffersThem() throws IOException {
        if (!Files.isReadable(SETTING)) {
            return false;
        }
        String setting = Files.readString(SETTING);
        return setting.contains("[always]") || setting.contains("[madvise]");
    }

    @Test
    void theDemoAsksForThemWhereTheKernelOffersThem() throws Exception {
        String demo = launcher.run(List.of(), 0, "demo");
        if (kernelOffersThem()) {
            assertThat(demo).contains(THP);
        } else {
            assertThat(demo).doesNotContain(THP);
        }
        // an explicit choice in the environment comes later on the command line, so it wins
        String off = launcher.run(List.of("IOTHUB_TRIAGE_JAVA_OPTS=-XX:-UseTransparentHugePages"), 0, "demo");
        assertThat(off).contains("-XX:-UseTransparentHugePages -cp ");
        assertThat(off.indexOf("-XX:+UseTransparentHugePages")).isLessThan(off.indexOf("-XX:-UseTransparentHugePages"));
    }

    @Test
    void otherRunsDoNotAskForThem() throws Exception {
        // measured for the offline triage and the help: no gain beyond the spread, so they start as before
        Path logs = Files.writeString(dir.resolve("small.csv"), "TimeGenerated [UTC],OperationName\n");
        assertThat(launcher.run(List.of(), 0, "triage", "--logs", logs.toString())).doesNotContain(THP);
        assertThat(launcher.run(List.of(), 0, "--help")).doesNotContain(THP);
        assertThat(launcher.run(List.of(), 0, "doctor")).doesNotContain(THP);
    }
}
