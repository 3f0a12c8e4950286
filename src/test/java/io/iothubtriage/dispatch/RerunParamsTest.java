package io.iothubtriage.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.HubId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RerunParamsTest {
    static final String HUB = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-iot"
            + "/providers/Microsoft.Devices/IotHubs/contoso-hub";
    static final Instant NOW = Instant.parse("2026-11-26T11:00:00Z");

    private static RerunParams parse(Map<String, String> q) throws Exception {
        return RerunParams.parse(q, Optional.empty(), Set.of(), Duration.ofMinutes(30), NOW);
    }

    private static Map<String, String> q(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String where(Map<String, String> query) {
        try {
            parse(query);
            return "accepted";
        } catch (BadInputException e) {
            return e.where();
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    @Test
    void defaultsToTheLastThirtyMinutesAsJsonWithoutPosting() throws Exception {
        RerunParams p = parse(q("hub", HUB, "code", "function-key-is-ignored"));
        assertThat(p.hub()).isEqualTo(HubId.parse(HUB));
        assertThat(p.window().start()).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
        assertThat(p.window().end()).isEqualTo(NOW);
        assertThat(p.post()).isFalse();
        assertThat(p.format()).isEqualTo("json");
    }

    @Test
    void acceptsLookbackInBothNotationsAndExplicitWindows() throws Exception {
        assertThat(parse(q("hub", HUB, "lookback", "PT2H")).window().duration()).isEqualTo(Duration.ofHours(2));
        assertThat(parse(q("hub", HUB, "lookback", "90m")).window().duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(parse(q("hub", HUB, "lookback", "7d")).window().duration()).isEqualTo(Duration.ofDays(7));
        // The CLI's --lookback parser: the same text means the same in both places.
        assertThat(parse(q("hub", HUB, "lookback", "1h30m")).window().duration()).isEqualTo(Duration.ofMinutes(90));
        RerunParams p = parse(q("hub", HUB, "from", "2026-11-26T09:00:00Z", "to", "2026-11-26T10:00:00+00:00",
                "post", "TRUE", "format", "Markdown"));
        assertThat(p.window().start()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(p.post()).isTrue();
        assertThat(p.format()).isEqualTo("markdown");
        RerunParams withTo = parse(q("hub", HUB, "to", "2026-11-26T10:00:00Z", "lookback", "1h"));
        assertThat(withTo.window().start()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
    }

    @Test
    void everyInvalidParameterIsNamed() {
        assertThat(where(q())).isEqualTo("hub");
        assertThat(where(q("hub", "contoso-hub"))).isEqualTo("hub");
        assertThat(where(q("hub", HUB + "' | take 10"))).isEqualTo("hub");
        assertThat(where(q("hub", HUB + "\" or 1==1"))).isEqualTo("hub");
        assertThat(where(q("hub", HUB + "; AzureDiagnostics | count"))).isEqualTo("hub");
        assertThat(where(q("hub", "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg"
                + "/providers/Microsoft.Compute/virtualMachines/vm1"))).isEqualTo("hub");
        assertThat(where(q("hub", HUB, "from", "2026-11-26T10:00:00Z", "to", "2026-11-26T09:00:00Z")))
                .as("reversed").isEqualTo("from");
        assertThat(where(q("hub", HUB, "from", "2026-11-01T00:00:00Z", "to", "2026-11-26T00:00:00Z")))
                .as("25 days").isEqualTo("from");
        assertThat(where(q("hub", HUB, "lookback", "P30D"))).isEqualTo("lookback");
        assertThat(where(q("hub", HUB, "lookback", "-PT1H"))).isEqualTo("lookback");
        assertThat(where(q("hub", HUB, "lookback", "forever"))).isEqualTo("lookback");
        assertThat(where(q("hub", HUB, "lookback", "1h", "from", "2026-11-26T10:00:00Z"))).isEqualTo("lookback");
        assertThat(where(q("hub", HUB, "to", "2026-11-26T10:00:00Z"))).isEqualTo("from");
        assertThat(where(q("hub", HUB, "from", "yesterday"))).isEqualTo("from");
        assertThat(where(q("hub", HUB, "from", "1970-01-01T00:00:00Z", "to", "1970-01-01T01:00:00Z")))
                .as("absurdly old").isEqualTo("from");
        assertThat(where(q("hub", HUB, "from", "2026-11-26T10:00:00Z", "to", "2099-01-01T00:00:00Z")))
                .as("future").isEqualTo("to");
        assertThat(where(q("hub", HUB, "from", "+999999999-12-31T23:59:59Z"))).isEqualTo("from");
        assertThat(where(q("hub", HUB, "post", "maybe"))).isEqualTo("post");
        assertThat(where(q("hub", HUB, "format", "teams"))).isEqualTo("format");
        assertThat(where(q("hub", HUB, "format", "x".repeat(10_000)))).isEqualTo("format");
    }

    @Test
    void aHubOutsideTriageHubsIsForbidden() throws Exception {
        Set<HubId> allowed = Set.of(HubId.parse(HUB));
        String other = HUB.replace("contoso-hub", "fabrikam-hub");
        assertThatThrownBy(() -> RerunParams.parse(q("hub", other), Optional.empty(), allowed,
                Duration.ofMinutes(30), NOW))
                .isInstanceOf(RerunParams.Forbidden.class)
                .hasMessageContaining("fabrikam-hub").hasMessageContaining("TRIAGE_HUBS");
        assertThat(RerunParams.parse(q("hub", HUB.toLowerCase()), Optional.empty(), allowed,
                Duration.ofMinutes(30), NOW).hub()).isEqualTo(HubId.parse(HUB));
    }

    @Test
    void aPostBodyCarriesTheSameParametersAndTheQueryWins() throws Exception {
        var body = new ObjectMapper().readTree("{\"hub\":\"" + HUB + "\",\"lookback\":\"2h\",\"post\":true,"
                + "\"format\":\"json\",\"unknown\":{\"x\":1}}");
        RerunParams p = RerunParams.parse(q("lookback", "1h"), Optional.of(body), Set.of(), Duration.ofMinutes(30),
                NOW);
        assertThat(p.window().duration()).isEqualTo(Duration.ofHours(1));
        assertThat(p.post()).isTrue();

        var bad = new ObjectMapper().readTree("{\"hub\":{\"$ne\":null}}");
        assertThatThrownBy(() -> RerunParams.parse(q(), Optional.of(bad), Set.of(), Duration.ofMinutes(30), NOW))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("hub:");
        var array = new ObjectMapper().readTree("[1,2]");
        assertThatThrownBy(() -> RerunParams.parse(q(), Optional.of(array), Set.of(), Duration.ofMinutes(30), NOW))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("body:");
    }
}
