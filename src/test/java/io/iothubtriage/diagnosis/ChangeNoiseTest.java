package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CallerKind;
import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ChangeEvent.ChangeOrigin;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;
import io.iothubtriage.evidence.Gap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.iothubtriage.diagnosis.ChangeAttributionTest.ALICE;
import static io.iothubtriage.diagnosis.ChangeAttributionTest.PIPELINE;
import static io.iothubtriage.diagnosis.ChangeAttributionTest.diagnose;
import static io.iothubtriage.diagnosis.ChangeAttributionTest.localAuthOff;
import static io.iothubtriage.testing.EvidenceFixtures.DROP;
import static io.iothubtriage.testing.EvidenceFixtures.HUB;
import static io.iothubtriage.testing.EvidenceFixtures.policySasRefusal;
import static org.assertj.core.api.Assertions.assertThat;

/** Automation writing a tag every 10 s (half an hour either side of the onset) must not push the change that explains the errors out of the report. */
class ChangeNoiseTest {

    static ChangeEvent tagWrite(int i) {
        return new ChangeEvent(DROP.minusSeconds(1800).plusSeconds(10L * i), HUB.resourceId(),
                "Microsoft.Resources/tags/write", "Succeeded", "Update", PIPELINE, CallerKind.of(PIPELINE, ""),
                ChangeOrigin.BOTH, Optional.of("t-" + i),
                List.of(new PropertyChange("tags.heartbeat", Optional.of("" + i), Optional.of("" + (i + 1)),
                        "Update")));
    }

    @Test
    void theLocalAuthChangeAmong360TagWritesIsTheLikelyCauseAndTheReportSaysHowManyItLeavesOut() {
        List<ChangeEvent> all = new ArrayList<>();
        for (int i = 0; i < 360; i++) {
            all.add(tagWrite(i));
        }
        all.add(localAuthOff(DROP.minusSeconds(65), ALICE));

        TriageReport r = diagnose(policySasRefusal().build(), all.toArray(ChangeEvent[]::new));

        assertThat(r.likelyCause()).hasValueSatisfying(c ->
                assertThat(c.summary()).isEqualTo("properties.disableLocalAuth false → true"));
        assertThat(r.changes()).hasSize(TriageReport.MAX_CHANGES);
        assertThat(r.gaps()).filteredOn(g -> g.source().equals(Gap.CHANGES)).singleElement()
                .extracting(Gap::reason).isEqualTo("361 changes read; the report lists 20 (every one that can "
                        + "explain the errors first, then those nearest the onset); 341 more left out, none of "
                        + "which can explain the errors");
        assertThat(r.confidence()).isEqualTo(ChangeAttributionTest.withoutChanges(policySasRefusal().build())
                .confidence());
    }

    @Test
    void aFewChangesLeaveNothingOutAndSayNothing() {
        TriageReport r = diagnose(policySasRefusal().build(), tagWrite(1), localAuthOff(DROP.minusSeconds(65), ALICE));
        assertThat(r.changes()).hasSize(2);
        assertThat(r.gaps()).noneMatch(g -> g.source().equals(Gap.CHANGES));
    }
}
