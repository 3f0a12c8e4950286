package io.iothubtriage.e2e;

import io.iothubtriage.diagnosis.ChangeRelation;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.notify.ChatPayloads;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.TextRenderer;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Scenarios;
import io.iothubtriage.simulation.SimulatedSources;
import org.junit.jupiter.api.Test;

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
        assertThat(r.findings().get(0)).contains(change).contains("1 minute before 401003 started");
        assertThat(r.actions().get(0)).startsWith("Review or revert the change of " + change);
        assertThat(new TextRenderer().render(r)).contains(change);
        Notification n = Notification.of(r);
        assertThat(ChatPayloads.renderPretty(n, Destination.Kind.TEAMS)).contains(change)
                .contains("Changes around the window");
        assertThat(ChatPayloads.renderPretty(n, Destination.Kind.SLACK)).contains(change)
                .contains("Changes around the window");
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
