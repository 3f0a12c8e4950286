package io.iothubtriage.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher finds its own folder however it is started (relative or absolute path, {@code ./}, {@code ..}, a
 * doubled slash, also right after {@code ./}, the PATH, {@code bash iothub-triage}) and always hands the JVM the same absolute, normalised jar
 * path: the class-data archives are checked against the class path they were made with, so a different spelling of
 * the same folder would silently run without one.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherLocationTest {

    @TempDir
    Path dir;
    private LauncherCopy launcher;
    private String jar;

    @BeforeEach
    void copyLauncher() throws IOException {
        launcher = new LauncherCopy(dir, "#!/bin/sh\necho \"$@\"\n");
        Files.createDirectories(dir.resolve("app/sub"));
        Files.createDirectories(dir.resolve("other"));
        // the path a shell in the temporary folder reports (on macOS /var is a link to /private/var)
        jar = launcher.app.toRealPath().resolve("target/iothub-triage.jar").toString();
    }

    static Stream<Arguments> invocations() {
        return Stream.of(
                Arguments.of("app", List.of("./iothub-triage")),
                Arguments.of("app", List.of("././iothub-triage")),
                Arguments.of("app", List.of("bash", "iothub-triage")),
                Arguments.of("app", List.of("iothub-triage")),               // found on the PATH
                Arguments.of(".", List.of("app/iothub-triage")),
                Arguments.of(".", List.of("./app/iothub-triage")),
                Arguments.of(".", List.of("app//iothub-triage")),
                Arguments.of("other", List.of("../app/iothub-triage")),
                Arguments.of("app/sub", List.of("../iothub-triage")),
                Arguments.of(".", List.of("app/sub/../iothub-triage")),
                Arguments.of(".", List.of("app/./iothub-triage")),
                // "$dir/iothub-triage" with dir=./ : the folder is still the current one, not the root
                Arguments.of("app", List.of(".//iothub-triage")),
                Arguments.of("app", List.of(".///iothub-triage")),
                Arguments.of("app", List.of(".//./iothub-triage")),
                Arguments.of(".", List.of(".//app/iothub-triage")));
    }

    @ParameterizedTest(name = "in {0}: {1}")
    @MethodSource("invocations")
    void everyWayOfStartingItHandsTheJvmTheSameJarPath(String cwd, List<String> invocation) throws Exception {
        Path folder = dir.resolve(cwd).toRealPath();
        String out = launcher.runAs(folder, invocation, "--version");
        assertThat(out).contains(" -cp " + jar + " io.iothubtriage.cli.Main --version");
    }

    @Test
    void aSymbolicLinkInAnotherFolder() throws Exception {
        // how a launcher is put on the PATH: ~/bin/iothub-triage -> the checkout's launcher (a relative link, too)
        Path bin = Files.createDirectories(dir.resolve("home/bin"));
        Files.createSymbolicLink(bin.resolve("iothub-triage"), launcher.app.resolve("iothub-triage"));
        Files.createSymbolicLink(bin.resolve("triage-relative"), Path.of("../../app/iothub-triage"));
        Files.createSymbolicLink(bin.resolve("triage-chained"), bin.resolve("triage-relative"));
        Path other = dir.resolve("other").toRealPath();
        for (String link : List.of("iothub-triage", "triage-relative", "triage-chained")) {
            assertThat(launcher.runAs(other, List.of(bin.resolve(link).toString()), "--version")).as(link)
                    .contains(" -cp " + jar + " io.iothubtriage.cli.Main --version");
            assertThat(launcher.runAs(bin.toRealPath(), List.of("./" + link), "--version")).as(link)
                    .contains(" -cp " + jar + " io.iothubtriage.cli.Main --version");
        }
    }

    @Test
    void anAbsolutePathFromAnotherFolder() throws Exception {
        String out = launcher.runAs(dir.resolve("other").toRealPath(),
                List.of(launcher.app.toRealPath().resolve("iothub-triage").toString()), "--version");
        assertThat(out).contains(" -cp " + jar + " io.iothubtriage.cli.Main --version");
    }
}
