package io.iothubtriage.evidence;

import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AvailabilityStatusTest {

    private static final Instant T = Instant.parse("2026-01-15T10:41:00Z");

    private static AvailabilityStatus status(String... fields) {
        return new AvailabilityStatus(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
                Optional.of(T), Optional.of(T.plusSeconds(60)), fields[6], fields[7]);
    }

    private static String[] base() {
        return new String[] {"Unavailable", "Unplanned", "Platform Initiated", "Unplanned", "t", "s", "westeurope", "c"};
    }

    @Test
    void equalWhenEveryFieldIsEqual() {
        AvailabilityStatus a = status(base());
        AvailabilityStatus b = status(base());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        // null texts read as empty, so they equal empty ones
        AvailabilityStatus withNulls = new AvailabilityStatus("Available", null, null, null, null, null, null, null,
                null, null);
        AvailabilityStatus withEmpties = new AvailabilityStatus("Available", "", "", "", "", "", Optional.empty(),
                Optional.empty(), "", "");
        assertThat(withNulls).isEqualTo(withEmpties).hasSameHashCodeAs(withEmpties);
    }

    @Test
    void differentWhenAnyFieldDiffers() {
        AvailabilityStatus a = status(base());
        List<AvailabilityStatus> others = new ArrayList<>();
        for (int i = 0; i < base().length; i++) {
            String[] f = base();
            f[i] = f[i] + "x";
            others.add(status(f));
        }
        String[] f = base();
        others.add(new AvailabilityStatus(f[0], f[1], f[2], f[3], f[4], f[5], Optional.of(T.plusSeconds(1)),
                Optional.of(T.plusSeconds(60)), f[6], f[7]));
        others.add(new AvailabilityStatus(f[0], f[1], f[2], f[3], f[4], f[5], Optional.of(T), Optional.empty(),
                f[6], f[7]));
        for (AvailabilityStatus other : others) {
            assertThat(a).isNotEqualTo(other);
            assertThat(a.hashCode()).as("%s", other).isNotEqualTo(other.hashCode());
        }
        assertThat(a).isNotEqualTo(null).isNotEqualTo("Unavailable");
    }
}
