package io.iothubtriage.functions;

import io.iothubtriage.functions.bench.ColdStartProbe;
import io.iothubtriage.functions.testing.Azurite;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts endpoint's cold path, in a fresh JVM with class loading logged: one alert accepted (202) against a real
 * Azurite queue must not load the triage engine, the Log Analytics or ARM sources and clients, the credential
 * library or the ledger's table client. Those are the worker's; loading them would slow the first answer the
 * action group waits for.
 */
class IntakeColdPathTest {
    private static final List<String> NEVER_ON_THE_INTAKE_PATH = List.of(
            "io.iothubtriage.diagnosis.Triage ", "io.iothubtriage.functions.LiveEngine",
            "io.iothubtriage.evidence.azure.AzureConnections", "io.iothubtriage.evidence.azure.LiveSources",
            "io.iothubtriage.evidence.azure.LogAnalyticsConnectionSource", "io.iothubtriage.evidence.azure.ArmClient",
            "io.iothubtriage.evidence.azure.ResourceHealthSource",
            "io.iothubtriage.evidence.azure.MetricsDeviceCountSource", "com.azure.monitor.", "com.azure.identity.",
            "com.azure.data.tables.");

    @Test
    void acceptingAnAlertLoadsNeitherTheEngineNorTheAzureSourceClients() throws Exception {
        Path log = Files.createTempFile("intake-classes-", ".txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                ColdStartProbe.class.getName(), "intake", Azurite.get().connectionString())
                .redirectErrorStream(true).redirectOutput(File.createTempFile("intake-probe-", ".txt")).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the probe finished").isTrue();
        assertThat(p.exitValue()).as("the probe got its 202").isZero();
        List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(loaded).as("the log names the app's classes").anyMatch(l -> l.contains(
                "io.iothubtriage.dispatch.AlertIntake "));
        for (String prefix : NEVER_ON_THE_INTAKE_PATH) {
            assertThat(loaded).as(prefix).noneMatch(l -> l.contains("] " + prefix));
        }
        Files.deleteIfExists(log);
    }
}
