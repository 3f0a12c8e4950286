package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real launcher and the packaged jar, run with a Java agent in {@code JAVA_TOOL_OPTIONS} (as monitoring and
 * proxy set-ups add one to every JVM) or with class-data sharing off. The JVM refuses to write a class-data archive
 * under either, and the first offline run of a build writes one as it exits: the launcher must not ask, or every
 * offline triage would stop before it began ("Error occurred during CDS dumping", exit 1, no report).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherWithAgentIT {

    private static final String HUB = "/subscriptions/0b5c7f6e-1111-2222-3333-444455556666/resourceGroups/rg-iot"
            + "/providers/Microsoft.Devices/IotHubs/fabrikam-hub";

    @TempDir
    Path dir;

    @Test
    void offlineRunsWithAnAgentOrWithoutSharingPrintTheirReportAndMakeNoArchive() throws Exception {
        PackagedApp app = PackagedApp.installIn(dir.resolve("app"));
        Path archive = app.folder.resolve("target/offline-cds/offline.jsa");
        Path export = Files.writeString(dir.resolve("export.csv"), """
                TimeGenerated [UTC],Category,OperationName,Level,ResultType,ResultDescription,properties_s
                2026-11-27T08:15:00Z,Connections,deviceConnect,Error,401003,IoTHubUnauthorized,"{""deviceId"":""pump-7"",""protocol"":""Mqtt""}"
                """);
        String[] command = {"triage", "--hub", HUB, "--logs", export.toString(), "--from", "2026-11-27T08:00:00Z",
                "--to", "2026-11-27T08:30:00Z", "--format", "json"};
        Map<String, String> agent = Map.of("JAVA_TOOL_OPTIONS", "-javaagent:" + agentJar());

        String withAgent = app.stdout(agent, command);
        String sharingOff = app.stdout(Map.of("IOTHUB_TRIAGE_JAVA_OPTS", "-Xshare:off"), command);
        assertThat(archive).as("no archive under options that forbid one").doesNotExist();
        String plain = app.stdout(Map.of(), command);
        assertThat(archive).as("the first run with the launcher's own options makes it").exists();
        String fromTheArchive = app.stdout(agent, command);

        ObjectMapper json = new ObjectMapper();
        for (String report : new String[]{withAgent, sharingOff, plain, fromTheArchive}) {
            assertThat(json.readTree(report).path("hub").path("name").asText()).as(report).isEqualTo("fabrikam-hub");
            assertThat(PackagedApp.withoutTimes(report)).isEqualTo(PackagedApp.withoutTimes(plain));
        }
    }

    /** A jar holding {@link NoOpAgent} as its Premain-Class. */
    private Path agentJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", NoOpAgent.class.getName());
        String entry = NoOpAgent.class.getName().replace('.', '/') + ".class";
        Path jar = dir.resolve("agent.jar");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = NoOpAgent.class.getClassLoader().getResourceAsStream(entry)) {
            assertThat(in).as(entry).isNotNull();
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
