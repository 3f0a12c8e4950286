package io.iothubtriage.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which java the launcher runs: the one on the PATH, else JAVA_HOME's; with neither, one line saying Java 17 is
 * needed instead of the shell's "exec: java: not found". Run against a copy of the launcher, with a PATH that holds
 * bash alone (and, where said, the stand-in {@code java} that prints its options).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherJavaTest {

    @TempDir
    Path dir;
    private LauncherCopy launcher;
    private Path tools;

    @BeforeEach
    void copyLauncher() throws Exception {
        launcher = new LauncherCopy(dir, "#!/bin/sh\necho \"java from $0: $@\"\n");
        tools = Files.createDirectories(dir.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("bash"), Path.of(whereIs("bash")));
    }

    private static String whereIs(String command) {
        for (String d : List.of("/bin", "/usr/bin", "/usr/local/bin", "/opt/homebrew/bin")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return d + "/" + command;
            }
        }
        throw new IllegalStateException(command + " not found");
    }

    @Test
    void withoutJavaOnThePathOrInJavaHomeOneLineSaysWhatIsNeeded() throws Exception {
        assertThat(launcher.runWithPath(tools.toString(), List.of(), 1, "--version"))
                .isEqualTo("iothub-triage: Java 17 or later is needed, and there is no java on the PATH");
        assertThat(launcher.runWithPath(tools.toString(), List.of("JAVA_HOME=" + dir.resolve("no-jdk")), 1,
                "--version")).isEqualTo("iothub-triage: Java 17 or later is needed, and there is no java on the PATH"
                + " nor in JAVA_HOME (" + dir.resolve("no-jdk") + ")");
    }

    @Test
    void withoutJavaOnThePathJavaHomesIsRun() throws Exception {
        // a JDK folder whose bin/java is the stand-in
        assertThat(launcher.runWithPath(tools.toString(), List.of("JAVA_HOME=" + launcher.bin.getParent()), 0,
                "--version")).startsWith("java from " + launcher.bin.resolve("java") + ":").endsWith("--version");
        // on the PATH, the PATH's java is run, whatever JAVA_HOME says
        assertThat(launcher.runWithPath(launcher.bin + ":" + tools, List.of("JAVA_HOME=/nowhere"), 0,
                "--version")).startsWith("java from " + launcher.bin.resolve("java") + ":");
    }
}
