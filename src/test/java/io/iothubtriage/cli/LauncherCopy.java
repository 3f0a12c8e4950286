package io.iothubtriage.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy of the {@code iothub-triage} launcher in {@code DIR/app}, with a stand-in jar (so it builds nothing) and a
 * stand-in {@code java} in {@code DIR/bin}, the only {@code java} on the PATH it runs with.
 */
final class LauncherCopy {

    /**
     * {@code env} arguments that take the launcher's and the JVM's option variables out of the environment: the
     * launcher reads them (IOTHUB_TRIAGE_JAVA_OPTS, an agent in JAVA_TOOL_OPTIONS means no archive is made, and
     * JAVA_HOME names the java to run when the PATH has none), so a machine's own settings must not change what a
     * test sees.
     */
    private static final List<String> WITHOUT_OPTIONS = List.of("-u", "IOTHUB_TRIAGE_CDS", "-u", "IOTHUB_TRIAGE_JAVA_OPTS",
            "-u", "JAVA_TOOL_OPTIONS", "-u", "JDK_JAVA_OPTIONS", "-u", "_JAVA_OPTIONS", "-u", "JAVA_HOME");

    final Path app;
    private final Path launcher;
    final Path bin;

    /** {@code javaScript}: the stand-in java, a shell script. */
    LauncherCopy(Path dir, String javaScript) throws IOException {
        app = Files.createDirectories(dir.resolve("app"));
        launcher = app.resolve("iothub-triage");
        Files.copy(Path.of("iothub-triage"), launcher);
        executable(launcher);
        Files.createDirectories(app.resolve("target/lib"));
        Files.writeString(app.resolve("target/iothub-triage.jar"), "stand-in");
        bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, javaScript);
        executable(java);
    }

    /** Puts a stand-in command {@code name} (a shell script) on the PATH the launcher runs with. */
    void tool(String name, String script) throws IOException {
        Path tool = bin.resolve(name);
        Files.writeString(tool, script);
        executable(tool);
    }

    /** Runs the launcher with {@code env} (NAME=value) added; asserts its exit status; returns its output. */
    String run(List<String> env, int status, String... args) throws Exception {
        return runWithPath(bin + ":/usr/bin:/bin", env, status, args);
    }

    /** As {@link #run}, with {@code path} as the whole PATH (the stand-in java only if it names {@link #bin}). */
    String runWithPath(String path, List<String> env, int status, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env"));
        command.addAll(WITHOUT_OPTIONS);
        command.add("PATH=" + path);
        command.addAll(env);
        command.add(launcher.toString());
        command.addAll(List.of(args));
        return run(command, Path.of("").toAbsolutePath(), status);
    }

    /**
     * Runs the launcher the way a user types it in folder {@code cwd}: {@code invocation} is the command's first
     * words (e.g. {@code ./iothub-triage}, {@code bash iothub-triage}, or {@code iothub-triage} found on the PATH,
     * which then also holds the launcher's folder).
     */
    String runAs(Path cwd, List<String> invocation, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env"));
        command.addAll(WITHOUT_OPTIONS);
        command.add("PATH=" + bin + ":" + app + ":/usr/bin:/bin");
        command.addAll(invocation);
        command.addAll(List.of(args));
        return run(command, cwd, 0);
    }

    private static String run(List<String> command, Path cwd, int status) throws Exception {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(status);
        return out;
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
