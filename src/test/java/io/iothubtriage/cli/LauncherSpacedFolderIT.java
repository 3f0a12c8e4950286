package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
        PackagedApp app = PackagedApp.installIn(dir.resolve("iot tools/iothub triage"));
        Path export = Files.writeString(dir.resolve("export.csv"), """
                TimeGenerated [UTC],Category,OperationName,Level,ResultType,ResultDescription,properties_s
                2026-11-26T10:05:00Z,Connections,deviceConnect,Error,401003,IoTHubUnauthorized,"{""deviceId"":""d-1"",""protocol"":""Mqtt""}"
                2026-11-26T10:06:00Z,Connections,deviceDisconnect,Error,404104,DeviceConnectionClosedRemotely,"{""deviceId"":""d-2"",""protocol"":""Amqp""}"
                """);
        String[] command = {"triage", "--hub", HUB, "--logs", export.toString(), "--from", "2026-11-26T10:00:00Z",
                "--to", "2026-11-26T11:00:00Z", "--format", "json"};

        String first = app.stdout(Map.of(), command);
        assertThat(app.folder.resolve("target/offline-cds/offline.jsa")).as("the archive the first run makes").exists();
        String second = app.stdout(Map.of(), command);

        JsonNode report = new ObjectMapper().readTree(first);
        assertThat(report.path("hub").path("name").asText()).isEqualTo("contoso-hub");
        assertThat(first.strip()).endsWith("}");
        assertThat(PackagedApp.withoutTimes(first)).isEqualTo(PackagedApp.withoutTimes(second));
    }
}
