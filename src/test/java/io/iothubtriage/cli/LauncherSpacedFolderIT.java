package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real launcher and the packaged jar, installed in a folder whose path has spaces: there the JVM cannot put the
 * classes of the jar's Class-Path in a class-data archive and warns about each while it writes the offline archive.
 * Those warnings belong in the archive's log; on stdout they would follow the report ({@code --format json | jq}
 * would fail on the first run of every build).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherSpacedFolderIT {

    private static final String HUB = "/subscriptions/0b5c7f6e-1111-2222-3333-444455556666/resourceGroups/rg-iot"
            + "/providers/Microsoft.Devices/IotHubs/contoso-hub";

    @TempDir
    Path dir;

    @Test
    void theFirstOfflineRunPrintsOnlyItsReportWhileItsArchiveIsMade() throws Exception {
        Path app = Files.createDirectories(dir.resolve("iot tools/iothub triage"));
        Files.copy(Path.of("iothub-triage"), app.resolve("iothub-triage"));
        Path target = Files.createDirectories(app.resolve("target/lib"));
        Files.copy(Path.of("target/iothub-triage.jar"), app.resolve("target/iothub-triage.jar"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target/lib"), "*.jar")) {
            for (Path jar : jars) {
                Files.copy(jar, target.resolve(jar.getFileName().toString()));
            }
        }
        Path export = Files.writeString(dir.resolve("export.csv"), """
                TimeGenerated [UTC],Category,OperationName,Level,ResultType,ResultDescription,properties_s
                2026-11-26T10:05:00Z,Connections,deviceConnect,Error,401003,IoTHubUnauthorized,"{""deviceId"":""d-1"",""protocol"":""Mqtt""}"
                2026-11-26T10:06:00Z,Connections,deviceDisconnect,Error,404104,DeviceConnectionClosedRemotely,"{""deviceId"":""d-2"",""protocol"":""Amqp""}"
                """);
        List<String> command = List.of(app.resolve("iothub-triage").toString(), "triage", "--hub", HUB, "--logs",
                export.toString(), "--from", "2026-11-26T10:00:00Z", "--to", "2026-11-26T11:00:00Z", "--format", "json");

        String first = stdout(command);
        assertThat(app.resolve("target/offline-cds/offline.jsa")).as("the archive the first run makes").exists();
        String second = stdout(command);

        JsonNode report = new ObjectMapper().readTree(first);
        assertThat(report.path("hub").path("name").asText()).isEqualTo("contoso-hub");
        assertThat(first.strip()).endsWith("}");
        assertThat(withoutTimes(first)).isEqualTo(withoutTimes(second));
    }

    private static String stdout(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("IOTHUB_TRIAGE_CDS");
        pb.environment().remove("IOTHUB_TRIAGE_JAVA_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String withoutTimes(String report) {
        return report.replaceAll("\"(generatedAt|checkedAt)\" : \"[^\"]*\"", "\"$1\" : \"\"");
    }
}
