package io.iothubtriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writing a file the CLI makes, and saying in words why a write failed. */
class OutputFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesTheTextAsUtf8ReplacingWhatWasThere() throws IOException {
        Path file = Files.writeString(dir.resolve("teams.json"), "an older and longer content than the new one");
        OutputFiles.writeUtf8(file, "1,000 devices − 282 offline …\n");
        assertThat(Files.readAllBytes(file)).isEqualTo("1,000 devices − 282 offline …\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedOpenIsSaidInWordsFromWhatTheFileSystemShows() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("report.html"));
        IOException inTheWay = failureWriting(folder);
        assertThat(inTheWay).isInstanceOf(FileSystemException.class);
        assertThat(OutputFiles.reason(inTheWay)).isEqualTo(folder + " is a folder");
        IOException noFolder = failureWriting(dir.resolve("missing").resolve("teams.json"));
        assertThat(noFolder).isInstanceOf(NoSuchFileException.class);
        assertThat(OutputFiles.reason(noFolder)).isEqualTo("its folder does not exist");
        // anything else keeps the system's own words, on one line
        assertThat(OutputFiles.reason(new FileNotFoundException("/out/x.json (Read-only file system)")))
                .isEqualTo("/out/x.json (Read-only file system)");
    }

    private static IOException failureWriting(Path file) {
        IOException[] failure = new IOException[1];
        assertThatThrownBy(() -> {
            try {
                OutputFiles.writeUtf8(file, "x");
            } catch (IOException e) {
                failure[0] = e;
                throw e;
            }
        }).isInstanceOf(IOException.class);
        return failure[0];
    }
}
