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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher builds the CLI before running it when the jar is missing or a source (pom.xml, anything under
 * src/main) is newer than the jar, and runs the jar as it is otherwise. Run against a copy of the launcher with a
 * stand-in {@code mvn} that says it was called and writes a new jar, and a stand-in {@code java} that says it ran.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherBuildCheckTest {

    private static final String BUILDING = "iothub-triage: building the CLI";
    private static final Instant BUILT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private LauncherCopy launcher;
    private Path jar;
    private Path source;

    @BeforeEach
    void copyLauncher() throws IOException {
        launcher = new LauncherCopy(dir, "#!/bin/sh\necho java ran\n");
        launcher.tool("mvn", "#!/bin/sh\necho mvn ran\ntouch target/iothub-triage.jar\n");
        Path app = launcher.app;
        Files.writeString(app.resolve("pom.xml"), "<project/>");
        source = app.resolve("src/main/java/io/iothubtriage/cli/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Main {}");
        Files.createDirectories(app.resolve("src/main/resources"));
        jar = app.resolve("target/iothub-triage.jar");
        setTime(app.resolve("pom.xml"), BUILT.minusSeconds(60));
        try (Stream<Path> sources = Files.walk(app.resolve("src"))) {
            for (Path p : (Iterable<Path>) sources::iterator) {
                setTime(p, BUILT.minusSeconds(60));   // folders too: find compares them as well
            }
        }
        setTime(jar, BUILT);
    }

    private static void setTime(Path file, Instant time) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(time));
    }

    private String run() throws Exception {
        return launcher.run(List.of("IOTHUB_TRIAGE_CDS=off"), 0, "--version");
    }

    @Test
    void aCurrentBuildRunsWithoutMaven() throws Exception {
        assertThat(run()).isEqualTo("java ran");
    }

    @Test
    void aSourceNewerThanTheJarIsBuiltFirst() throws Exception {
        setTime(source, BUILT.plusSeconds(1));
        assertThat(run()).startsWith(BUILDING).contains("java ran").doesNotContain("mvn ran");
        // the build wrote a new jar: the next run is current again
        assertThat(run()).isEqualTo("java ran");
    }

    @Test
    void aNewFileInADeepFolderCountsToo() throws Exception {
        Path added = launcher.app.resolve("src/main/resources/queries/new.kql");
        Files.createDirectories(added.getParent());
        Files.writeString(added, "AzureDiagnostics");
        setTime(added, BUILT.plusSeconds(5));
        assertThat(run()).startsWith(BUILDING);
    }

    @Test
    void aNewerPomIsBuiltFirst() throws Exception {
        setTime(launcher.app.resolve("pom.xml"), BUILT.plusSeconds(1));
        assertThat(run()).startsWith(BUILDING);
    }

    @Test
    void aMissingJarIsBuilt() throws Exception {
        Files.delete(jar);
        assertThat(run()).startsWith(BUILDING).contains("java ran");
    }
}
