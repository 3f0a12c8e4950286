package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.Coverage;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;

import static io.iothubtriage.testing.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A gap "of another time" is told by its kind, which the producer sets; its words are for people only. */
class GapKindTest {

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** How the file readers word a health gap of another time: said of a failure, it must not make one. */
    private static final String WORDS_OF_ANOTHER_TIME =
            "the Resource Health statuses given cover 2026-01-22 10:30–10:48 UTC, not the window";
    private Triage triage;

    @AfterEach
    void close() {
        if (triage != null) {
            triage.close();
        }
    }

    private TriageReport withHealthFailure(EvidenceException failure) {
        triage = Triage.builder()
                .connectionLogs(r -> Fetched.of(siteNetworkOutage().build()))
                .hubHealth(r -> {
                    throw failure;
                })
                .deviceCount(r -> Fetched.of(typicalDrop()))
                .clock(CLOCK).build();
        return triage.run(request());
    }

    @Test
    void aHealthGapOfAnotherTimeIsToldByItsKindWhateverItsWords() {
        TriageReport r = withHealthFailure(EvidenceException.of(Gap.Kind.ANOTHER_TIME, "statuses of last week only"));

        assertThat(r.gaps()).containsExactly(new Gap(Gap.RESOURCE_HEALTH, "statuses of last week only", false,
                Gap.Kind.ANOTHER_TIME));
        assertThat(r.headline()).contains("hub health is unknown (the Resource Health given covers another time)")
                .doesNotContain("could not be read");
    }

    @Test
    void aHealthFailureWordedLikeAnotherTimeIsStillAFailure() {
        TriageReport r = withHealthFailure(new EvidenceException(WORDS_OF_ANOTHER_TIME, false));

        assertThat(r.gaps()).extracting(Gap::kind).containsExactly(Gap.Kind.OTHER);
        assertThat(r.headline()).contains("hub health is unknown (Resource Health could not be read)")
                .doesNotContain("covers another time");
    }

    @Test
    void coverageReadsTheKindNotTheWords() {
        assertThat(Coverage.ofAnotherTime(new Gap(Gap.RESOURCE_HEALTH, WORDS_OF_ANOTHER_TIME))).isFalse();
        assertThat(Coverage.ofAnotherTime(new Gap(Gap.METRICS, "the metrics file covers 2026-01-22 10:30–10:48 UTC"
                + ", not the window"))).isFalse();
        assertThat(Coverage.ofAnotherTime(Gap.ofAnotherTime(Gap.RESOURCE_HEALTH, "any words"))).isTrue();
        assertThat(Coverage.ofAnotherTime(Gap.ofAnotherTime(Gap.METRICS, "any words"))).isTrue();
        assertThat(Coverage.ofAnotherTime(Gap.ofAnotherTime(Gap.CHANGES, "any words")))
                .as("only health and metrics are told apart this way").isFalse();
    }
}
