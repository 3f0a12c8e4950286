package io.iothubtriage.evidence;

import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HealthReaderTest {

    private static final Path RH = Read.SAMPLES.resolve("resourcehealth");
    private static final Path CURRENT = RH.resolve("2025-05-01_AvailabilityStatus_GetByResource.json");
    private static final Path HISTORY = RH.resolve("2025-05-01_AvailabilityStatuses_List.json");
    private static final Path EVENTS_RESOURCE = RH.resolve("2025-05-01_Events_ListBySingleResource.json");
    private static final Path EVENTS_SUBSCRIPTION = RH.resolve("2025-05-01_Events_ListBySubscriptionId.json");

    @TempDir
    Path dir;

    @Test
    void currentStatusSampleWithTheMisspelledOccuredTime() throws Exception {
        HubHealthEvidence h = HealthReader.read(List.of(CURRENT));
        AvailabilityStatus current = h.current().orElseThrow();
        assertThat(current.availabilityState()).isEqualTo("Unavailable");
        assertThat(current.reasonType()).isEqualTo("Unplanned");
        assertThat(current.context()).isEqualTo("Platform Initiated");
        assertThat(current.category()).isEqualTo("Unplanned");
        assertThat(current.title()).isEqualTo("Unavailable");
        assertThat(current.summary()).startsWith("We're sorry");
        assertThat(current.occurredTime()).contains(Instant.parse("2016-03-29T09:12:00Z"));
        assertThat(current.reportedTime()).contains(Instant.parse("2016-05-04T14:11:29.7598931Z"));
        assertThat(current.location()).isEqualTo("eastus");
        assertThat(current.isUnavailableOrDegraded()).isTrue();
        assertThat(current.isUserInitiated()).isFalse();
        assertThat(h.history()).containsExactly(current);
        assertThat(h.events()).isEmpty();
    }

    @Test
    void historySampleSortedOldestFirstWithItsServiceImpactingEvent() throws Exception {
        HubHealthEvidence h = HealthReader.read(List.of(HISTORY));
        assertThat(h.current().orElseThrow().availabilityState()).isEqualTo("Unavailable");
        assertThat(h.history()).extracting(AvailabilityStatus::availabilityState)
                .containsExactly("Available", "Unavailable");
        assertThat(h.history().get(0).occurredTime()).contains(Instant.parse("2016-03-28T16:23:00Z"));
        assertThat(h.history().get(0).title()).isEmpty();
        assertThat(h.history().get(0).reportedTime()).isEmpty();
        ServiceHealthEvent linked = h.events().get(0);
        assertThat(h.events()).hasSize(1);
        assertThat(linked.id()).isEqualTo("b56d0180-2d6c-4f7b-b750-c1eca681874c");
        assertThat(linked.eventType()).isEqualTo("ServiceIssue");
        assertThat(linked.status()).isEqualTo("Resolved");
        assertThat(linked.isActive()).isFalse();
        assertThat(linked.title()).isEqualTo("Virtual Machines - West Europe [West Europe]");
        assertThat(linked.impactedServices()).containsExactly("Virtual Machines");
        assertThat(linked.impactedRegions()).containsExactly("East US");
        assertThat(linked.impactStart()).contains(Instant.parse("2016-05-02T19:23:13.7115125Z"));
        assertThat(linked.lastUpdate()).contains(Instant.parse("2016-05-02T19:27:04.9543491Z"));
        assertThat(linked.platformInitiated()).isTrue();
    }

    @Test
    void eventSamplesDescribeTheSameEventOnce() throws Exception {
        HubHealthEvidence h = HealthReader.read(List.of(EVENTS_RESOURCE, EVENTS_SUBSCRIPTION));
        assertThat(h.current()).isEmpty();
        assertThat(h.history()).isEmpty();
        assertThat(h.events()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("BC_1-FXZ");
            assertThat(e.eventType()).isEqualTo("ServiceIssue");
            assertThat(e.status()).isEqualTo("Active");
            assertThat(e.isActive()).isTrue();
            assertThat(e.title()).isEqualTo("ACTIVE: Virtual machines in West US");
            assertThat(e.level()).isEqualTo("Warning");
            assertThat(e.impactedServices()).containsExactly("Virtual Machines");
            assertThat(e.impactedRegions()).containsExactly("West US");
            assertThat(e.impactStart()).contains(Instant.parse("2025-05-12T14:45:48.1203530Z"));
            assertThat(e.impactMitigation()).contains(Instant.parse("2025-05-14T15:43:48.1203530Z"));
            assertThat(e.lastUpdate()).contains(Instant.parse("2025-05-13T15:43:48.1203530Z"));
            assertThat(e.platformInitiated()).isFalse();
        });
    }

    @Test
    void allSamplesMerged() throws Exception {
        HubHealthEvidence h = HealthReader.read(List.of(EVENTS_SUBSCRIPTION, HISTORY, CURRENT, EVENTS_RESOURCE));
        assertThat(h.current().orElseThrow().availabilityState()).isEqualTo("Unavailable");
        // The "current" status appears in two files with the same content: kept once.
        assertThat(h.history()).hasSize(2);
        assertThat(h.events()).extracting(ServiceHealthEvent::id)
                .containsExactly("b56d0180-2d6c-4f7b-b750-c1eca681874c", "BC_1-FXZ"); // by impact start
    }

    @Test
    void newestCurrentWinsAndCorrectSpellingAndMissingFieldsAreAccepted() throws Exception {
        Path older = Read.write(dir, "older.json", """
                {"name":"current","location":"westeurope","properties":{"availabilityState":"Unavailable",
                 "occurredTime":"2026-11-26T10:30:00Z","reportedTime":"2026-11-26T10:35:00Z","reasonType":"Customer Initiated",
                 "context":"Customer Initiated","healthEventCause":"UserInitiated"}}
                """);
        Path newer = Read.write(dir, "newer.json", """
                {"name":"current","properties":{"availabilityState":"Available","occuredTime":"2026-11-26T10:50:00Z",
                 "reportedTime":"2026-11-26T10:55:00+00:00"}}
                """);
        HubHealthEvidence h = HealthReader.read(List.of(newer, older));
        assertThat(h.current().orElseThrow().availabilityState()).isEqualTo("Available");
        assertThat(h.current().orElseThrow().location()).isEmpty();
        assertThat(h.history()).extracting(AvailabilityStatus::availabilityState)
                .containsExactly("Unavailable", "Available");
        AvailabilityStatus failover = h.history().get(0);
        assertThat(failover.occurredTime()).contains(Instant.parse("2026-11-26T10:30:00Z"));
        assertThat(failover.isUserInitiated()).isTrue();
        assertThat(failover.healthEventCause()).isEqualTo("UserInitiated");
    }

    @Test
    void withoutAStatusNamedCurrentTheNewestIsCurrent() throws Exception {
        Path list = Read.write(dir, "list.json", """
                [{"name":"2026-11-26+10%3a00%3a00Z","properties":{"availabilityState":"Available","occuredTime":"2026-11-26T10:00:00Z"}},
                 {"name":"2026-11-26+10%3a40%3a00Z","properties":{"availabilityState":"Degraded","occuredTime":"2026-11-26T10:40:00Z"}},
                 {"name":"x","properties":{"availabilityState":"Unknown"}}]
                """);
        HubHealthEvidence h = HealthReader.read(List.of(list));
        assertThat(h.current().map(AvailabilityStatus::availabilityState)).isEqualTo(Optional.of("Degraded"));
        assertThat(h.history()).extracting(AvailabilityStatus::availabilityState)
                .containsExactly("Unknown", "Available", "Degraded"); // no time first, then oldest first
    }

    @Test
    void iotHubEventWithSeveralImpactsAndAPlatformFlag() throws Exception {
        Path events = Read.write(dir, "events.json", """
                {"value":[{"name":"TRK-1","properties":{"eventType":"ServiceIssue","status":"Active","eventLevel":"Critical",
                  "platformInitiated":true,"impactStartTime":"2026-11-26T10:38:00Z","lastUpdateTime":"2026-11-26T10:45:00Z",
                  "impact":[{"impactedService":"IoT Hub","impactedRegions":[{"impactedRegion":"West Europe"},{"impactedRegion":"North Europe"}]},
                            {"impactedService":"Event Grid","impactedRegions":[{"impactedRegion":"West Europe"}]}]}},
                  {"name":"TRK-1","properties":{"eventType":"ServiceIssue","status":"Resolved","lastUpdateTime":"2026-11-26T09:00:00Z"}}]}
                """);
        HubHealthEvidence h = HealthReader.read(List.of(events));
        ServiceHealthEvent e = h.events().get(0);
        assertThat(h.events()).hasSize(1);
        assertThat(e.status()).isEqualTo("Active"); // the update of 10:45 wins over the one of 09:00, read later
        assertThat(e.level()).isEqualTo("Critical");
        assertThat(e.platformInitiated()).isTrue();
        assertThat(e.impactedServices()).containsExactly("IoT Hub", "Event Grid");
        assertThat(e.impactedRegions()).containsExactly("West Europe", "North Europe");
    }

    @Test
    void emptyListAndNoFilesGiveEmptyEvidence() throws Exception {
        assertThat(HealthReader.read(List.of(Read.write(dir, "empty.json", "{\"value\":[]}"))))
                .isEqualTo(new HubHealthEvidence(Optional.empty(), List.of(), List.of()));
        assertThat(HealthReader.read(List.of())).isEqualTo(new HubHealthEvidence(Optional.empty(), List.of(), List.of()));
    }

    @Test
    void badInputNamesTheFileAndTheProblem() throws Exception {
        Path missing = dir.resolve("health-2GB.json");
        BadInput.of(missing, () -> HealthReader.read(List.of(CURRENT, missing))).endsWith(": no such file");
        Path badTime = Read.write(dir, "t.json",
                "{\"value\":[{\"name\":\"current\",\"properties\":{\"availabilityState\":\"Available\",\"occuredTime\":\"soon\"}}]}");
        BadInput.of(badTime, () -> HealthReader.read(List.of(badTime)))
                .contains("value[0].properties.occuredTime 'soon' is not a timestamp");
        Path logs = Read.write(dir, "logs.json", "{\"tables\":[]}");
        BadInput.of(logs, () -> HealthReader.read(List.of(logs)))
                .contains("is not a Resource Health response: it is a Log Analytics query response (pass it with --logs)");
        Path metrics = Read.SAMPLES.resolve("metrics/2024-02-01_GetMetric.json");
        BadInput.of(metrics, () -> HealthReader.read(List.of(metrics))).contains("Azure Monitor metrics response");
        Path error = Read.write(dir, "err.json", "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client does not have authorization\"}}");
        BadInput.of(error, () -> HealthReader.read(List.of(error)))
                .contains("is an error response, not Resource Health data: AuthorizationFailed: The client");
        Path mixed = Read.write(dir, "mixed.json", "{\"value\":[{\"properties\":{\"availabilityState\":\"Available\"}},{\"foo\":1}]}");
        BadInput.of(mixed, () -> HealthReader.read(List.of(mixed)))
                .contains("value[1] is neither an availability status nor a service-health event (fields foo)");
        Path truncated = Read.write(dir, "cut.json", "{\"value\":[{\"properties\":{\"availabilityState\":");
        BadInput.of(truncated, () -> HealthReader.read(List.of(truncated))).contains("truncated JSON").contains("line 1");
        Path csv = Read.write(dir, "x.csv", "a,b\n1,2\n");
        BadInput.of(csv, () -> HealthReader.read(List.of(csv))).contains("is not JSON");
        BadInput.of(dir, () -> HealthReader.read(List.of(dir))).endsWith("is a directory, not a file");
    }
}
