package io.iothubtriage.e2e;

import io.iothubtriage.diagnosis.ChangeRelation;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.notify.ChatPayloads;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.TextRenderer;
import io.iothubtriage.simulation.DeviceSelection;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Incident;
import io.iothubtriage.simulation.Scenarios;
import io.iothubtriage.simulation.ScriptedChange;
import io.iothubtriage.simulation.SimulatedSources;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled change-caused incident, as the on-call engineer sees it in every channel. */
class ChangeScenarioTest {

    static TriageReport run(FleetScenario s) {
        try (Triage triage = SimulatedSources.triage(s)) {
            return triage.run(s.request());
        }
    }

    @Test
    void theDemoScenarioNamesTheChangeInTheTextAndBothCards() {
        TriageReport r = run(Scenarios.disableLocalAuth().build());
        String change = "properties.disableLocalAuth false → true";
        assertThat(r.likelyCause()).hasValueSatisfying(c -> {
            assertThat(c.caller()).isEqualTo(Scenarios.CHANGE_AUTHOR);
            assertThat(c.summary()).isEqualTo(change);
        });
        assertThat(r.findings().get(0)).contains(change).contains("1 minute before 401003 started")
                .contains("failing devices authenticate with SAS tokens signed with the hub's shared access policies, "
                        + "which it refuses");
        assertThat(c(r).attributionConfidence()).contains(io.iothubtriage.diagnosis.Confidence.HIGH);
        // The story is true only of devices whose tokens a shared access policy signs: switching local
        // authentication off refuses no X.509 device and no device signing with its own key.
        assertThat(r.actions()).anyMatch(a -> a.contains("authenticating with hub/sas are refused"));
        assertThat(r.actions().get(0)).startsWith("Review or revert the change of " + change);
        assertThat(new TextRenderer().render(r)).contains(change);
        Notification n = Notification.of(r);
        assertThat(ChatPayloads.renderPretty(n, Destination.Kind.TEAMS)).contains(change)
                .contains("Changes around the window");
        assertThat(ChatPayloads.renderPretty(n, Destination.Kind.SLACK)).contains(change)
                .contains("Changes around the window");
    }

    /** 1,000 devices, 85 % signing SAS tokens with their own device keys, all of those refused after the change. */
    private static FleetScenario deviceKeyFleetRefusedAfter(ScriptedChange change) {
        return FleetScenario.builder().devices(1000).seed(41).x509Share(0.15)
                .incident(Incident.expiredCredentials(DeviceSelection.authType("device/sas")))
                .change(change).build();
    }

    private static TriageReport.ChangeLine c(TriageReport r) {
        return r.likelyCause().orElseThrow();
    }

    @Test
    void localAuthSwitchedOffAsX509CertificatesExpireIsListedNotBlamed() {
        FleetScenario s = FleetScenario.builder().devices(2000).seed(26).x509Share(0.25)
                .incident(Incident.expiredCredentials(DeviceSelection.authType("device/x509")))
                .change(ScriptedChange.disableLocalAuth(Duration.ofSeconds(65), Scenarios.CHANGE_AUTHOR))
                .build();
        TriageReport r = run(s);
        assertThat(r.verdict()).isEqualTo(io.iothubtriage.diagnosis.Verdict.AUTHENTICATION_FAILURES);
        assertThat(r.likelyCause()).isEmpty();
        assertThat(r.changes()).singleElement().satisfies(ch -> {
            assertThat(ch.relation()).isEqualTo(ChangeRelation.UNRELATED);
            assertThat(ch.summary()).isEqualTo("properties.disableLocalAuth false → true");
        });
        assertThat(r.findings()).filteredOn(f -> f.contains("disableLocalAuth")).singleElement()
                .satisfies(f -> assertThat(f).contains("cannot explain these errors"));
        assertThat(r.actions()).noneMatch(a -> a.contains("disableLocalAuth"));
        assertThat(ChatPayloads.renderPretty(Notification.of(r), Destination.Kind.TEAMS))
                .contains("properties.disableLocalAuth false → true");
    }

    @Test
    void localAuthSwitchedOffAsDevicesSigningWithTheirOwnKeysFailIsListedNotBlamed() {
        // The same drop in a fleet whose devices sign their tokens with their own device keys: disableLocalAuth
        // does not refuse those, so it is not the cause; disableDeviceSAS would be.
        TriageReport r = run(deviceKeyFleetRefusedAfter(
                ScriptedChange.disableLocalAuth(Duration.ofSeconds(65), Scenarios.CHANGE_AUTHOR)));
        assertThat(r.likelyCause()).isEmpty();
        assertThat(r.findings()).filteredOn(f -> f.contains("disableLocalAuth")).singleElement()
                .satisfies(f -> assertThat(f).contains("cannot explain these errors: it refuses only SAS tokens "
                        + "signed with the hub's shared access policies").contains("failing devices authenticate "
                        + "with SAS tokens signed with their own device keys"));
        assertThat(r.actions()).noneMatch(a -> a.contains("disableLocalAuth"));

        TriageReport d = run(deviceKeyFleetRefusedAfter(
                ScriptedChange.disableDeviceSas(Duration.ofSeconds(65), Scenarios.CHANGE_AUTHOR)));
        assertThat(d.likelyCause()).hasValueSatisfying(ch -> {
            assertThat(ch.summary()).isEqualTo("properties.disableDeviceSAS false → true");
            assertThat(ch.attributionConfidence()).contains(io.iothubtriage.diagnosis.Confidence.HIGH);
        });
        assertThat(d.actions().get(0)).contains("--set properties.disableDeviceSAS=false");
    }

    @Test
    void aTagEditNextToTheDemoOutageChangesNothingButIsListed() {
        TriageReport plain = run(Scenarios.demo());
        TriageReport tagged = run(Scenarios.siteOutageWithTagEdit().build());
        assertThat(tagged.verdict()).isEqualTo(plain.verdict());
        assertThat(tagged.confidence()).isEqualTo(plain.confidence());
        assertThat(tagged.headline()).isEqualTo(plain.headline());
        assertThat(tagged.findings()).isEqualTo(plain.findings());
        assertThat(tagged.actions()).isEqualTo(plain.actions());
        assertThat(tagged.changes()).singleElement()
                .satisfies(c -> assertThat(c.relation()).isEqualTo(ChangeRelation.UNRELATED));
        assertThat(ChatPayloads.renderPretty(Notification.of(tagged), Destination.Kind.TEAMS))
                .contains("tags.owner ops → iot-team");
    }
}
