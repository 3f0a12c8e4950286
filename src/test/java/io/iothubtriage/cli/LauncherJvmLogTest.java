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
 * The JVM prints its own warnings on stdout by default, in front of the report: an archive another JDK made (java on
 * the PATH changed since the first run: "[error][cds] Not a valid shared archive file", on every run), large pages
 * the machine lacks, and the like. The launcher sends them to stderr and leaves out the archive's, for every kind of
 * run, before the user's own options (which may ask for more). Run against a copy of the launcher with a stand-in
 * {@code java} that prints its options.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherJvmLogTest {

    private static final String LOG = "-Xlog:disable -Xlog:all=warning,cds*=off:stderr";

    @TempDir
    Path dir;
    private LauncherCopy launcher;

    @BeforeEach
    void copyLauncher() throws Exception {
        launcher = new LauncherCopy(dir, "#!/bin/sh\necho \"$@\"\n");
    }

    @Test
    void everyRunSendsTheJvmsWarningsToStderrBeforeTheUsersOptions() throws Exception {
        Path logs = Files.writeString(dir.resolve("small.csv"), "TimeGenerated [UTC],OperationName\n");
        List<String[]> runs = List.of(new String[]{"demo"}, new String[]{"triage", "--logs", logs.toString()},
                new String[]{"triage", "--hub", "h"}, new String[]{"doctor"}, new String[]{"--help"},
                new String[]{"--version"});
        for (String[] args : runs) {
            String line = launcher.run(List.of("IOTHUB_TRIAGE_JAVA_OPTS=-Xlog:gc"), 0, args);
            assertThat(line).as(String.join(" ", args)).contains(LOG);
            assertThat(line.indexOf(LOG)).as(String.join(" ", args)).isLessThan(line.indexOf("-Xlog:gc"));
        }
    }
}
