package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ChangeEvent.ChangeOrigin;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;
import io.iothubtriage.testing.EvidenceFixtures;
import io.iothubtriage.testing.RelatedChangeRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.iothubtriage.testing.EvidenceFixtures.HUB;
import static org.assertj.core.api.Assertions.assertThat;

/** --changes: both export formats, the public samples, and every file that is neither. */
class ChangeReaderTest {

    static final Path CHANGES = Read.SAMPLES.resolve("changes");
    static final String HUB_ID = HUB.resourceId();
    static final TriageRequest REQUEST = EvidenceFixtures.request(); // window 10:11–10:46 on 2026-01-15

    @TempDir
    Path dir;

    static List<ChangeEvent> readSample(String name) throws BadInputException {
        Path file = CHANGES.resolve(name);
        return ChangeReader.readFile(file.toString(), JsonDocuments.read(file));
    }

    @Test
    void readsTheActivityLogRestExample() throws BadInputException {
        ChangeEvent e = readSample("2015-04-01_GetActivityLogsFiltered.json").get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2015-01-21T22:14:26.9792776Z"));
        assertThat(e.operation()).isEqualTo("microsoft.support/supporttickets/write");
        assertThat(e.status()).isEqualTo("Succeeded");
        assertThat(e.caller()).isEqualTo("admin@contoso.com");
        assertThat(e.callerKind()).isEqualTo(CallerKind.USER);
        assertThat(e.origin()).isEqualTo(ChangeOrigin.ACTIVITY_LOG);
        assertThat(e.correlationId()).contains("1e121103-0ba6-4300-ac9d-952bb5d0c80f");
        assertThat(e.resourceId()).isEmpty(); // the example's event carries no resourceId
    }

    @Test
    void readsChangeResourcesAndDropsSystemOnlyProperties() throws BadInputException {
        List<ChangeEvent> changes = readSample("2022-05-01_ListChanges.json");
        assertThat(changes).hasSize(2);
        ChangeEvent update = changes.get(0);
        assertThat(update.changeType()).isEqualTo("Update");
        assertThat(update.time()).isEqualTo(Instant.parse("2021-11-19T14:29:09.921Z"));
        // properties.provisioningState is a System change; the tag's previous value "null" means "none"
        assertThat(update.properties()).containsExactly(
                new PropertyChange("tags.key1", Optional.empty(), Optional.of("someValue"), "Insert"));
        assertThat(update.callerKind()).isEqualTo(CallerKind.UNKNOWN);
        assertThat(changes.get(1).changeType()).isEqualTo("Create");
    }

    @Test
    void readsTheDocumentedChangeActor() throws BadInputException {
        ChangeEvent e = readSample("doc-get-resource-changes-payload.json").get(0);
        assertThat(e.caller()).isEqualTo("john@contoso.com");
        assertThat(e.callerKind()).isEqualTo(CallerKind.USER);
        assertThat(e.operation()).isEqualTo("microsoft.compute/virtualmachines/write");
        assertThat(e.time()).isEqualTo(Instant.parse("2024-06-12T13:26:17.347Z"));
        assertThat(e.correlationId()).contains("11111111-1111-1111-1111-111111111111");
    }

    @Test
    void refusesAResourceGraphResultOfAnotherTable() {
        Path file = CHANGES.resolve("2022-10-01_ResourcesBasicQuery.json");
        BadInput.of(file, () -> ChangeReader.read(List.of(file), REQUEST))
                .contains("neither an Activity Log export").contains("query resourcechanges");
    }

    static String activityEvent(String time, String status, String operationId, String caller, String operation) {
        return """
                {"caller": "%s", "category": {"value": "Administrative", "localizedValue": "Administrative"},
                 "correlationId": "%s", "eventTimestamp": "%s", "operationId": "%s",
                 "operationName": {"value": "%s", "localizedValue": "Create or update IotHub"},
                 "resourceId": "%s", "status": {"value": "%s", "localizedValue": "%s"},
                 "claims": {"appid": "c44b4083-0000-49c1-b47d-974e53cbdf3c"}}
                """.formatted(caller, operationId, time, operationId, operation, HUB_ID, status, status);
    }

    static String graphRow(String time, String correlationId, String caller, String type, String changes) {
        return """
                {"id": "%s/providers/Microsoft.Resources/changes/08585", "name": "08585",
                 "type": "microsoft.resources/changes", "resourceGroup": "%s", "subscriptionId": "%s",
                 "properties": {"targetResourceId": "%s", "targetResourceType": "microsoft.devices/iothubs",
                   "changeType": "Update",
                   "changeAttributes": {"correlationId": "%s", "timestamp": "%s", "changedBy": "%s",
                     "changedByType": "%s", "clientType": "Azure Portal", "operation": "Microsoft.Devices/IotHubs/write",
                     "changesCount": 1},
                   "changes": %s}}
                """.formatted(HUB_ID, HUB.resourceGroup(), HUB.subscriptionId(), HUB_ID, correlationId, time, caller,
                type, changes);
    }

    static final String LOCAL_AUTH_OFF = """
            {"properties.disableLocalAuth": {"previousValue": "false", "newValue": "true",
              "changeCategory": "User", "propertyChangeType": "Update"},
             "properties.provisioningState": {"previousValue": "Succeeded", "newValue": "Updating",
              "changeCategory": "System", "propertyChangeType": "Update"}}""";

    @Test
    void anActivityLogArrayGroupsTheEventsOfOneOperation() throws Exception {
        Path file = Read.write(dir, "activity.json", "[" + String.join(",",
                activityEvent("2026-01-15T10:39:40Z", "Succeeded", "op-1", "alice@contoso.com", "Microsoft.Devices/IotHubs/write"),
                activityEvent("2026-01-15T10:39:05Z", "Started", "op-1", "alice@contoso.com", "Microsoft.Devices/IotHubs/write"),
                activityEvent("2026-01-15T10:20:00Z", "Succeeded", "op-2", "alice@contoso.com", "Microsoft.Devices/IotHubs/listkeys/action"))
                + "]");
        Fetched<ChangeEvidence> f = ChangeReader.read(List.of(file), REQUEST);
        assertThat(f.gaps()).isEmpty();
        assertThat(f.value().changes()).singleElement().satisfies(e -> {
            assertThat(e.time()).isEqualTo(Instant.parse("2026-01-15T10:39:05Z"));
            assertThat(e.status()).isEqualTo("Succeeded");
            assertThat(e.operation()).isEqualTo("Microsoft.Devices/IotHubs/write");
            assertThat(e.properties()).isEmpty();
        });
    }

    @Test
    void bothGraphFormatsAreReadAndMergedWithTheActivityLogByCorrelationId() throws Exception {
        String row = graphRow("2026-01-15T10:39:41Z", "op-1", "alice@contoso.com", "User", LOCAL_AUTH_OFF);
        Path current = Read.write(dir, "graph.json", "{\"count\": 1, \"data\": [" + row + "], \"skip_token\": null, "
                + "\"total_records\": 1}");
        Path older = Read.write(dir, "graph-array.json", "[" + row + "]");
        Path activity = Read.write(dir, "activity.json", "[" + activityEvent("2026-01-15T10:39:05Z", "Succeeded",
                "op-1", "alice@contoso.com", "Microsoft.Devices/IotHubs/write") + "]");

        for (Path graph : List.of(current, older)) {
            List<ChangeEvent> alone = ChangeReader.read(List.of(graph), REQUEST).value().changes();
            assertThat(alone).singleElement().satisfies(e -> {
                assertThat(e.origin()).isEqualTo(ChangeOrigin.RESOURCE_GRAPH);
                assertThat(e.properties()).containsExactly(new PropertyChange("properties.disableLocalAuth",
                        Optional.of("false"), Optional.of("true"), "Update"));
            });
        }
        List<ChangeEvent> merged = ChangeReader.read(List.of(activity, current), REQUEST).value().changes();
        assertThat(merged).singleElement().satisfies(e -> {
            assertThat(e.origin()).isEqualTo(ChangeOrigin.BOTH);
            assertThat(e.time()).isEqualTo(Instant.parse("2026-01-15T10:39:05Z"));
            assertThat(e.caller()).isEqualTo("alice@contoso.com");
            assertThat(e.properties()).hasSize(1);
        });
    }

    @Test
    void aServicePrincipalIsAnApplication() throws Exception {
        String sp = "5c3f1d7e-2b4a-4e8f-9a6b-1c2d3e4f5a6b";
        Path graph = Read.write(dir, "graph.json", "{\"count\": 1, \"data\": [" + graphRow("2026-01-15T10:39:41Z",
                "op-9", sp, "AppId", LOCAL_AUTH_OFF) + "]}");
        assertThat(ChangeReader.read(List.of(graph), REQUEST).value().changes().get(0).callerKind())
                .isEqualTo(CallerKind.APPLICATION);
    }

    @Test
    void changesOfAnotherHubOrTimeAreSetAsideAndAFileWithNoneOfOursIsAGap() throws Exception {
        String other = activityEvent("2026-01-15T10:39:05Z", "Succeeded", "op-1", "alice@contoso.com",
                "Microsoft.Devices/IotHubs/write").replace(HUB_ID, HUB_ID + "-staging");
        String early = activityEvent("2026-01-15T06:00:00Z", "Succeeded", "op-2", "alice@contoso.com",
                "Microsoft.Devices/IotHubs/write");
        Path file = Read.write(dir, "activity.json", "[" + other + "," + early + "]");
        Fetched<ChangeEvidence> f = ChangeReader.read(List.of(file), REQUEST);
        assertThat(f.value().changes()).isEmpty();
        assertThat(f.gaps()).singleElement().satisfies(g -> {
            assertThat(g.source()).isEqualTo(Gap.CHANGES);
            assertThat(g.reason()).isEqualTo("activity.json holds 2 changes, none of " + HUB.name()
                    + " in 2026-01-15 08:11–10:46 UTC"); // as the report writes its spans (Coverage.span)
        });
    }

    @Test
    void anEmptyExportIsNoChangeAndNoGap() throws Exception {
        Path file = Read.write(dir, "empty.json", "[]");
        Fetched<ChangeEvidence> f = ChangeReader.read(List.of(file), REQUEST);
        assertThat(f.value().changes()).isEmpty();
        assertThat(f.gaps()).isEmpty();
    }

    @Test
    void refusesFilesThatAreNeitherFormatWithOneLine() throws Exception {
        Path logs = Read.write(dir, "logs.json", "{\"tables\": [{\"name\": \"PrimaryResult\", \"columns\": [], \"rows\": []}]}");
        BadInput.of(logs, () -> ChangeReader.read(List.of(logs), REQUEST)).endsWith("which belongs to --logs");
        Path metrics = Read.write(dir, "metrics.json", "{\"cost\": 0, \"timespan\": \"x\", \"value\": [{\"id\": \"m\"}]}");
        BadInput.of(metrics, () -> ChangeReader.read(List.of(metrics), REQUEST)).contains("neither an Activity Log export");
        Path object = Read.write(dir, "object.json", "{\"hello\": 1}");
        BadInput.of(object, () -> ChangeReader.read(List.of(object), REQUEST)).endsWith("fields hello");
        Path csv = Read.write(dir, "export.csv", "TimeGenerated,OperationName\n2026-01-15,deviceConnect\n");
        BadInput.of(csv, () -> ChangeReader.read(List.of(csv), REQUEST)).contains("is not JSON");
        Path truncated = Read.write(dir, "cut.json", "[{\"eventTimestamp\": \"2026-01-15T10:39:05Z\"");
        BadInput.of(truncated, () -> ChangeReader.read(List.of(truncated), REQUEST)).contains("truncated JSON");
        Path badTime = Read.write(dir, "time.json", "[{\"eventTimestamp\": \"yesterday\", \"resourceId\": \"" + HUB_ID
                + "\", \"operationName\": {\"value\": \"Microsoft.Devices/IotHubs/write\"}}]");
        BadInput.of(badTime, () -> ChangeReader.read(List.of(badTime), REQUEST))
                .endsWith("eventTimestamp 'yesterday' is not a timestamp");
        Path mixed = Read.write(dir, "mixed.json", "[" + activityEvent("2026-01-15T10:39:05Z", "Succeeded", "op-1",
                "a@b.c", "Microsoft.Devices/IotHubs/write") + ", {\"x\": 1}]");
        BadInput.of(mixed, () -> ChangeReader.read(List.of(mixed), REQUEST)).contains("item 1 is not an Activity Log event");
        Path empty = Read.write(dir, "zero.json", "");
        BadInput.of(empty, () -> ChangeReader.read(List.of(empty), REQUEST)).contains("is empty");
    }

    @Test
    void keyMaterialNeverLeavesTheReader() throws Exception {
        String key = "Hx2pQ9vWk3L0sYmN7bR4tU6eA1cZ8dF5gJ0hK2iM4nO=";
        String changes = """
                {"properties.authorizationPolicies[0].primaryKey": {"previousValue": "%s", "newValue": "%s",
                  "changeCategory": "User", "propertyChangeType": "Update"},
                 "tags.note": {"previousValue": null, "newValue": "HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=%s",
                  "changeCategory": "User", "propertyChangeType": "Insert"}}""".formatted(key, key.replace('H', 'Q'), key);
        Path graph = Read.write(dir, "graph.json", "[" + graphRow("2026-01-15T10:39:41Z", "op-1", "alice@contoso.com",
                "User", changes) + "]");
        ChangeEvent e = ChangeReader.read(List.of(graph), REQUEST).value().changes().get(0);
        assertThat(e.toString()).doesNotContain(key).doesNotContain(key.replace('H', 'Q'))
                .doesNotContain(key.substring(0, 20));
        assertThat(e.properties()).containsExactly(
                new PropertyChange("properties.authorizationPolicies[0].primaryKey", Optional.of(SecretMask.MASKED),
                        Optional.of(SecretMask.MASKED), "Update"),
                new PropertyChange("tags.note", Optional.empty(), Optional.of(
                        "HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=(masked)"), "Insert"));
    }

    @Test
    void changesOfTheResourcesTheHubPointsToAreKeptOthersSetAside() throws Exception {
        String host = HUB.name() + ".azure-devices.net";
        String otherPe = RelatedChangeRows.privateEndpoint(HUB).replace("contoso-pe", "someone-elses-pe");
        Path file = Read.write(dir, "graph.json", "{\"count\": 5, \"data\": [" + String.join(",",
                RelatedChangeRows.hubConnectionRemoved(HUB, "2026-01-15T10:38:30Z"),
                RelatedChangeRows.privateEndpointDeleted(HUB, "2026-01-15T10:38:00Z", "alice@contoso.com"),
                RelatedChangeRows.privateEndpointDeleted(HUB, "2026-01-15T10:37:00Z", "bob@contoso.com")
                        .replace(RelatedChangeRows.privateEndpoint(HUB), otherPe).replace("c-pe", "c-other"),
                RelatedChangeRows.linkedHubRemoved(HUB, "contoso-dps", host, "2026-01-15T10:36:00Z", "alice@contoso.com"),
                RelatedChangeRows.linkedHubRemoved(HUB, "fabrikam-dps", "fabrikam-hub.azure-devices.net",
                        "2026-01-15T10:35:00Z", "alice@contoso.com"))
                + "]}");
        Fetched<ChangeEvidence> f = ChangeReader.read(List.of(file), REQUEST);

        assertThat(f.gaps()).isEmpty();
        assertThat(f.value().changes()).extracting(ChangeEvent::resourceId).containsExactly(
                RelatedChangeRows.provisioningService(HUB, "contoso-dps"),
                RelatedChangeRows.privateEndpoint(HUB),
                HUB_ID);
        assertThat(f.value().changes().get(0).properties()).extracting(ChangeEvent.PropertyChange::before)
                .allSatisfy(v -> assertThat(v.orElse("")).doesNotContain("SharedAccessKey=****"));
    }
}
