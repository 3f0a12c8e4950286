package io.iothubtriage.notify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** startsWithAState answers what the regex it replaced answered, on summaries of every shape. */
class SummaryLinesStateTest {

    @Test
    void agreesWithTheRegex() {
        List<String> summaries = List.of("Available", "Available now", "Unavailable 10:41–10:52 UTC, platform-initiated",
                "Degraded: partial outage", "Unknown", "Availability unknown", "Availabler", "Available_x", "Available2",
                "Degraded\nsecond line", "Degraded\r", "Unknown\u2028", "Unknown.", "unknown", " Available", "",
                "There aren't any known Azure platform problems affecting this resource.", "Availableé", "Available-1",
                "Unavailable\u0085x", "Degradedß");
        for (String s : summaries) {
            boolean viaRegex = s.matches("^(Available|Unavailable|Degraded|Unknown)\\b.*");
            assertThat(SummaryLines.startsWithAState(s)).as(s).isEqualTo(viaRegex);
        }
    }
}
