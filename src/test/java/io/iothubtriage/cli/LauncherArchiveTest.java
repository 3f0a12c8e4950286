package io.iothubtriage.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code iothub-triage} launcher gives offline triage ({@code --logs}) and the demo each their own class-data
 * archive, made by the first successful run of a build (offline: a dynamic archive written as it exits; the demo: a
 * static one dumped from the classes it loaded) and used by the runs after it; a rebuild makes it stale,
 * and a failed run, a JVM that cannot write one, or a target directory where none can go only mean runs without
 * it. Run against a copy of the launcher with a stand-in jar and a stand-in {@code java} that prints the options it
 * was given and writes the archive it is asked for.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherArchiveTest {

    private static final String WRITE = "-XX:ArchiveClassesAtExit=";
    private static final String USE = "-XX:SharedArchiveFile=";
    private static final String LIST = "-XX:DumpLoadedClassList=";

    @TempDir
    Path dir;
    private LauncherCopy launcher;
    private Path app;
    private Path logs;

    @BeforeEach
    void copyLauncher() throws IOException {
        launcher = new LauncherCopy(dir, """
                #!/bin/sh
                echo "$@"
                dump=no
                for a in "$@"; do [ "$a" = -Xshare:dump ] && dump=yes; done
                for a in "$@"; do
                  case "$a" in
                    -XX:ArchiveClassesAtExit=*) [ -n "${NO_ARCHIVE:-}" ] || echo archive > "${a#*=}" ;;
                    -XX:DumpLoadedClassList=*) echo java/lang/Object > "${a#*=}"
                      [ -z "${LAMBDAS_REFUSED:-}" ] || echo "@lambda-proxy java/lang/Runnable run" >> "${a#*=}" ;;
                    -XX:SharedClassListFile=*) [ -z "${LAMBDAS_REFUSED:-}" ] || ! grep -q '^@lambda-proxy' "${a#*=}" \
                      || exit 1 ;;
                    -XX:SharedArchiveFile=*) [ $dump = no ] || [ -n "${NO_ARCHIVE:-}" ] || echo archive > "${a#*=}" ;;
                    io.iothubtriage.cli.StartupJars) for last in "$@"; do :; done; mkdir -p "$last"; exit 0 ;;
                    --fail) exit 3 ;;
                  esac
                done
                """);
        app = launcher.app;
        logs = Files.writeString(dir.resolve("export.csv"), "TimeGenerated [UTC],OperationName\n");
    }

    @Test
    void theFirstOfflineRunWritesTheArchiveAndTheNextRunsStartFromIt() throws Exception {
        Path archive = app.resolve("target/offline-cds/offline.jsa");
        assertThat(run("triage", "--logs", logs.toString())).contains(WRITE + archive + ".").doesNotContain(USE);
        assertThat(archive).exists();
        assertThat(run("triage", "--logs=" + logs, "--format", "json")).contains(USE + archive).doesNotContain(WRITE);
        assertThat(run("triage", "--logs", logs.toString())).contains(USE + archive);
    }

    @Test
    void theDemoAndOfflineRunsEachKeepTheirOwnArchive() throws Exception {
        run("triage", "--logs", logs.toString());
        Path demoArchive = app.resolve("target/demo-cds/demo.jsa");
        assertThat(run("demo")).contains(LIST + demoArchive + ".").doesNotContain(WRITE);
        assertThat(run("demo")).contains(USE + demoArchive);
        assertThat(run("triage", "--logs", logs.toString())).contains(USE + app.resolve("target/offline-cds/offline.jsa"));
        assertThat(run("triage", "--logs", logs.toString(), "--help")).doesNotContain(WRITE).doesNotContain("cds/");
    }

    @Test
    void theDemoMakesAStaticArchiveWithG1FromTheClassesItsFirstRunLoaded() throws Exception {
        Path archive = app.resolve("target/demo-cds/demo.jsa");
        String first = run("demo", "--out-dir", "x");
        assertThat(first).contains("-XX:+UseG1GC").contains(LIST + archive + ".").contains("demo --out-dir x");
        // the dump's own output goes to the archive's log, not to the console
        assertThat(app.resolve("target/demo-cds/dump.log")).content().contains("-Xshare:dump")
                .contains("-XX:SharedClassListFile=" + archive + ".").contains(USE + archive + ".")
                .contains("-XX:+UseG1GC");
        assertThat(archive).exists();
        assertThat(app.resolve("target/demo-cds")).isDirectoryNotContaining("glob:**.{classes,partial,no-lambdas}");
        assertThat(run("demo")).contains(USE + archive).contains("-XX:+UseG1GC").doesNotContain(LIST);
    }

    @Test
    void aFailedDemoRunOrDumpLeavesNoArchive() throws Exception {
        assertThat(run(List.of(), 3, "demo", "--fail")).contains(LIST);
        assertThat(app.resolve("target/demo-cds")).isDirectoryNotContaining("glob:**.{jsa,classes,partial}");
        assertThat(run(List.of("NO_ARCHIVE=1"), 0, "demo")).contains(LIST);
        assertThat(app.resolve("target/demo-cds/demo.jsa")).doesNotExist();
        assertThat(run("demo")).doesNotContain(LIST).doesNotContain(USE).contains("demo");
    }

    @Test
    void aRebuildMakesTheArchiveStaleAndTheNextRunWritesANewOne() throws Exception {
        run("triage", "--logs", logs.toString());
        Files.setLastModifiedTime(app.resolve("target/iothub-triage.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(run("triage", "--logs", logs.toString())).contains(WRITE).doesNotContain(USE);
        Files.setLastModifiedTime(app.resolve("target/offline-cds/offline.jsa"),
                FileTime.from(Instant.now().plusSeconds(120)));
        assertThat(run("triage", "--logs", logs.toString())).contains(USE);
    }

    @Test
    void aFailedRunLeavesNoArchiveAndKeepsItsExitStatus() throws Exception {
        assertThat(run(List.of(), 3, "triage", "--logs", logs.toString(), "--fail")).contains(WRITE);
        assertThat(app.resolve("target/offline-cds")).isDirectoryNotContaining("glob:**.jsa*");
        assertThat(run("triage", "--logs", logs.toString())).contains(WRITE);
    }

    @Test
    void aJvmThatCannotWriteTheArchiveIsNotAskedAgainUntilTheNextBuild() throws Exception {
        assertThat(run(List.of("NO_ARCHIVE=1"), 0, "triage", "--logs", logs.toString())).contains(WRITE);
        assertThat(run("triage", "--logs", logs.toString())).doesNotContain(WRITE).doesNotContain(USE)
                .contains("--logs " + logs);
        Files.setLastModifiedTime(app.resolve("target/iothub-triage.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(run("triage", "--logs", logs.toString())).contains(WRITE);
    }

    @Test
    void whereNoArchiveCanGoTheRunGoesOnWithoutOne() throws Exception {
        Files.writeString(app.resolve("target/offline-cds"), "a file where the directory would be");
        assertThat(run("triage", "--logs", logs.toString())).doesNotContain(WRITE).doesNotContain(USE)
                .contains("--logs " + logs);
    }

    @Test
    void switchedOffThereIsNoArchive() throws Exception {
        assertThat(run(List.of("IOTHUB_TRIAGE_CDS=off"), 0, "triage", "--logs", logs.toString()))
                .doesNotContain(WRITE).doesNotContain(USE);
        assertThat(app.resolve("target/offline-cds")).doesNotExist();
    }

    @Test
    void underOptionsThatForbidWritingAnArchiveNoneIsMadeAndOneAlreadyMadeIsUsed() throws Exception {
        // the JVM refuses to write an archive with an agent loaded or sharing off; the offline archive is written by
        // the user's own run, which would then stop before it began
        List<List<String>> forbidding = List.of(List.of("JAVA_TOOL_OPTIONS=-javaagent:/opt/monitor/agent.jar"),
                List.of("IOTHUB_TRIAGE_JAVA_OPTS=-Xmx1g -agentpath:/opt/profiler/libprofiler.so=start"),
                List.of("JDK_JAVA_OPTIONS=-agentlib:jdwp=transport=dt_socket,server=y,suspend=n"),
                List.of("_JAVA_OPTIONS=-Xshare:off"), List.of("IOTHUB_TRIAGE_JAVA_OPTS=-XX:-UseCompressedClassPointers"));
        for (List<String> env : forbidding) {
            assertThat(run(env, 0, "triage", "--logs", logs.toString())).as(env.toString())
                    .doesNotContain(WRITE).doesNotContain(USE).contains("--logs " + logs);
            assertThat(run(env, 0, "demo")).as(env.toString()).doesNotContain(LIST).doesNotContain(USE);
            assertThat(run(env, 0, "triage", "--hub", "h")).as(env.toString()).doesNotContain(LIST).doesNotContain(USE);
        }
        assertThat(app.resolve("target/offline-cds")).doesNotExist();
        assertThat(app.resolve("target/demo-cds")).doesNotExist();
        assertThat(app.resolve("target/cli")).doesNotExist();

        Path archive = app.resolve("target/offline-cds/offline.jsa");
        assertThat(run("triage", "--logs", logs.toString())).contains(WRITE + archive + ".");
        assertThat(run(forbidding.get(0), 0, "triage", "--logs", logs.toString())).contains(USE + archive);
    }

    @Test
    void aLiveRunMakesTheStartUpArchiveAndTheNextRunsStartFromIt() throws Exception {
        Path cds = app.resolve("target/cli/iothub-triage.jsa");
        assertThat(run("triage", "--hub", "h")).contains(LIST + app.resolve("target/cli/classes.txt"));
        assertThat(cds).exists();
        assertThat(app.resolve("target/cli.log")).content().contains("-Xshare:dump").contains(USE + cds + ".");
        assertThat(app.resolve("target/cli")).isDirectoryNotContaining("glob:**.{partial,no-lambdas}");
        assertThat(run("triage", "--hub", "h")).contains(USE + cds).doesNotContain(LIST);
    }

    @Test
    void whereTheStartUpCopyCannotBeMadeALiveRunGoesOnWithoutIt() throws Exception {
        // as in a target/ the user cannot write: the copy's log cannot be opened (here a folder in its place, which
        // stops root as well as anyone else)
        Files.createDirectories(app.resolve("target/cli.log"));
        String out = run("triage", "--hub", "h");
        assertThat(out).doesNotContain(LIST).doesNotContain(USE).doesNotContain("could not")
                .contains("-cp " + app.resolve("target/iothub-triage.jar") + " io.iothubtriage.cli.Main triage --hub h");
        assertThat(app.resolve("target/cli")).doesNotExist();
    }

    @Test
    void anArchiveTheJdkRefusesWithItsLambdaProxiesIsMadeWithoutThem() throws Exception {
        run(List.of("LAMBDAS_REFUSED=1"), 0, "demo");
        assertThat(app.resolve("target/demo-cds/demo.jsa")).exists();
        assertThat(app.resolve("target/demo-cds/dump.log")).content().contains(".no-lambdas");
        assertThat(app.resolve("target/demo-cds")).isDirectoryNotContaining("glob:**.{classes,partial,no-lambdas}");

        run(List.of("LAMBDAS_REFUSED=1"), 0, "triage", "--hub", "h");
        assertThat(app.resolve("target/cli/iothub-triage.jsa")).exists();
        assertThat(app.resolve("target/cli.log")).content().contains(".no-lambdas");
        assertThat(app.resolve("target/cli")).isDirectoryNotContaining("glob:**.{partial,no-lambdas}");
    }

    @Test
    void aJvmThatCannotMakeTheStartUpArchiveIsNotAskedAgainUntilTheNextBuild() throws Exception {
        assertThat(run(List.of("NO_ARCHIVE=1"), 0, "triage", "--hub", "h"))
                .contains("could not make the start-up archive");
        assertThat(app.resolve("target/cli/iothub-triage.jsa")).doesNotExist();
        assertThat(run("triage", "--hub", "h")).doesNotContain(LIST).doesNotContain(USE).contains("triage --hub h");
    }

    private String run(String... args) throws Exception {
        return launcher.run(List.of(), 0, args);
    }

    private String run(List<String> env, int status, String... args) throws Exception {
        return launcher.run(env, status, args);
    }
}
