package io.iothubtriage.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real launcher with the packaged jar and its dependencies, installed in a folder of a test's own (so that the
 * class-data archives it makes there are its own), run as a user runs it. For the packaged-app checks (ITs), which
 * run after {@code package}.
 */
final class PackagedApp {

    final Path folder;

    private PackagedApp(Path folder) {
        this.folder = folder;
    }

    /** Installs a copy in {@code folder} (made if missing). */
    static PackagedApp installIn(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.copy(Path.of("iothub-triage"), folder.resolve("iothub-triage"));
        Path lib = Files.createDirectories(folder.resolve("target/lib"));
        Files.copy(Path.of("target/iothub-triage.jar"), folder.resolve("target/iothub-triage.jar"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target/lib"), "*.jar")) {
            for (Path jar : jars) {
                Files.copy(jar, lib.resolve(jar.getFileName().toString()));
            }
        }
        return new PackagedApp(folder);
    }

    /**
     * Runs the launcher with {@code args} and {@code env} added to an environment without the launcher's and the
     * JVM's option variables; asserts it exits 0 within two minutes; returns its stdout (stderr is dropped).
     */
    String stdout(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(folder.resolve("iothub-triage").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        for (String name : List.of("IOTHUB_TRIAGE_CDS", "IOTHUB_TRIAGE_JAVA_OPTS", "JAVA_TOOL_OPTIONS",
                "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            pb.environment().remove(name);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** A JSON report without its run times ({@code generatedAt}, {@code checkedAt}), to compare two runs' reports. */
    static String withoutTimes(String report) {
        return report.replaceAll("\"(generatedAt|checkedAt)\" : \"[^\"]*\"", "\"$1\" : \"\"");
    }
}
