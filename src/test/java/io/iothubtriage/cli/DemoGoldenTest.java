package io.iothubtriage.cli;

import io.iothubtriage.simulation.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every byte the demo writes stays the same whatever is done to make it start faster: the default demo's report,
 * Teams card, Slack message, report JSON and HTML report against full copies in {@code golden/demo/}, and every
 * bundled scenario's outputs against their SHA-256 digests in {@code golden/demo/scenarios.sha256}.
 *
 * <p>When the demo's output changes on purpose, regenerate with {@code -Dgolden.update=true} and review the diff.
 * A mismatch leaves the actual outputs in {@code target/demo-golden-actual/} for comparison.
 */
class DemoGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/demo");
    private static final Path ACTUAL = Path.of("target/demo-golden-actual");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final List<String> PAYLOADS = List.of("teams.json", "slack.json", "report.json", "report.html");

    @TempDir
    Path dir;

    @Test
    void theDefaultDemoWritesExactlyTheGoldenOutput() throws IOException {
        Path out = dir.resolve("default");
        String report = demo(out);
        List<String> differ = new ArrayList<>();
        compare("report.txt", report, differ);
        for (String name : PAYLOADS) {
            compare(name, Files.readString(out.resolve(name), StandardCharsets.UTF_8), differ);
        }
        assertThat(differ).as("demo outputs that differ from " + GOLDEN + " (actual ones in " + ACTUAL + ")")
                .isEmpty();
    }

    @Test
    void everyScenarioWritesTheSameOutputAsBefore() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Scenarios.Preset preset : Scenarios.all()) {
            Path out = dir.resolve(preset.name());
            String report = demo(out, "--scenario", preset.name());
            lines.add(preset.name() + " report.txt " + sha256(report));
            for (String name : PAYLOADS) {
                lines.add(preset.name() + " " + name + " " + sha256(Files.readString(out.resolve(name))));
            }
        }
        String actual = String.join("\n", lines) + "\n";
        Path golden = GOLDEN.resolve("scenarios.sha256");
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("digests of every scenario's demo outputs (" + golden + ")")
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static String demo(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("demo", "--out-dir", out.toString()));
        args.addAll(List.of(more));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), Map.of());
        assertThat(code).as(String.join(" ", args) + ": " + stderr.toString(StandardCharsets.UTF_8)).isZero();
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private static void compare(String name, String actual, List<String> differ) throws IOException {
        Path golden = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        if (!actual.equals(Files.readString(golden, StandardCharsets.UTF_8))) {
            Files.createDirectories(ACTUAL);
            Files.writeString(ACTUAL.resolve(name), actual, StandardCharsets.UTF_8);
            differ.add(name);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
