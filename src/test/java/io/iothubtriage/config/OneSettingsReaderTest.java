package io.iothubtriage.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings are read in one place: the main code reads the process environment only in {@link Settings} (the app's
 * composition root asks it) and in the CLI's entry point, which hands its environment to the same reader. Any
 * other read would be a second reader with its own defaults and error wording, and a setting the reader never
 * validated.
 */
class OneSettingsReaderTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final List<Path> ALLOWED = List.of(
            MAIN.resolve(Path.of("io", "iothubtriage", "config", "Settings.java")),
            MAIN.resolve(Path.of("io", "iothubtriage", "cli", "Main.java")));
    /** {@code System.getenv(…)}, {@code System::getenv} and a static import of it. */
    private static final Pattern ENVIRONMENT_READ = Pattern.compile("System\\s*(\\.|::)\\s*getenv|import\\s+static\\s+java\\.lang\\.System\\.getenv");

    @Test
    void onlyTheSettingsReaderAndTheCliEntryPointReadTheEnvironment() throws IOException {
        assertThat(MAIN).isDirectory();
        List<Path> readers;
        try (Stream<Path> files = Files.walk(MAIN)) {
            readers = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> ENVIRONMENT_READ.matcher(read(f)).find())
                    .toList();
        }
        assertThat(readers).as("main sources that read the process environment")
                .containsExactlyInAnyOrderElementsOf(ALLOWED);
    }

    @Test
    void thePatternFindsEveryFormOfTheRead() {
        assertThat(ENVIRONMENT_READ.matcher("new LiveApp(System.getenv())").find()).isTrue();
        assertThat(ENVIRONMENT_READ.matcher("CredentialKind.detect(System::getenv)").find()).isTrue();
        assertThat(ENVIRONMENT_READ.matcher("String v = System.getenv(\"AZURE_CLOUD\");").find()).isTrue();
        assertThat(ENVIRONMENT_READ.matcher("import static java.lang.System.getenv;").find()).isTrue();
        assertThat(ENVIRONMENT_READ.matcher("Settings.processEnvironment()").find()).isFalse();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
