package io.iothubtriage.e2e;

import io.iothubtriage.diagnosis.ScopeKind;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.notify.ChatPayloads;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Scenarios;
import io.iothubtriage.simulation.Scenarios.Preset;
import io.iothubtriage.simulation.SimulatedSources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole engine on simulated hubs that look like real ones (1,000+ devices, hourly SAS renewals, background
 * churn, one incident): rows → aggregator → Triage (concurrent sources) → report. Each preset states the verdict
 * and scope an on-call engineer should read; this test holds the engine to it.
 */
class SimulatedFleetTriageTest {

    static List<Preset> presets() {
        return Scenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void eachScenarioGetsTheVerdictAndScopeItStages(Preset preset) {
        TriageReport report = triage(preset.factory().get());

        assertThat(report.verdict()).as(preset.name() + ": " + report.headline()).isEqualTo(preset.verdict());
        preset.scope().ifPresent(kind -> assertThat(report.scope().kind()).as(preset.name()).isEqualTo(kind));
        preset.dimension().ifPresent(d -> assertThat(report.scope().dimension()).as(preset.name()).contains(d));
        preset.value().ifPresent(v -> assertThat(report.scope().value()).as(preset.name()).contains(v));
        assertThat(report.headline()).isNotBlank();
        assertThat(report.actions()).as(preset.name() + " actions").isNotEmpty();
    }

    /**
     * The engine's own reports, not hand-built fixtures, as Teams and Slack payloads: written next to the fixtures'
     * in target/chat-payloads, where CI runs Microsoft's Adaptive Cards renderer and Slack's Block Kit checks on them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void eachScenarioRendersWithinTheChannelsLimits(Preset preset) throws IOException {
        TriageReport report = triage(preset.factory().get());
        String teams = ChatPayloads.renderPretty(Notification.of(report), Destination.Kind.TEAMS);
        String slack = ChatPayloads.renderPretty(Notification.of(report), Destination.Kind.SLACK);
        assertThat(ChatPayloads.teams(report).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(26_000);
        Path out = Files.createDirectories(Path.of("target", "chat-payloads"));
        Files.writeString(out.resolve("engine-" + preset.name() + ".teams.json"), teams);
        Files.writeString(out.resolve("engine-" + preset.name() + ".slack.json"), slack);
    }

    @Test
    void thePresetsCoverEveryVerdictAndEveryScopeKind() {
        Set<Verdict> verdicts = presets().stream().map(Preset::verdict).collect(Collectors.toSet());
        Set<ScopeKind> scopes = presets().stream().flatMap(p -> p.scope().stream()).collect(Collectors.toSet());
        assertThat(verdicts).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Verdict.class));
        assertThat(scopes).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(ScopeKind.class));
    }

    @Test
    void theDemoOutageNamesTheSiteTheDropAndTheNoiseItSetAside() {
        FleetScenario demo = Scenarios.demo();
        TriageReport report = triage(demo);

        assertThat(report.headline()).contains("203.0.113.XXX").contains("404104");
        assertThat(report.scope().affectedDevices()).isBetween(250, 320);
        assertThat(report.noise().sasRenewalDevices()).isGreaterThan(100);
        assertThat(report.deviceCount()).hasValueSatisfying(c -> {
            assertThat(c.before().orElseThrow()).isGreaterThan(c.min().orElseThrow() + 200);
            assertThat(c.registered().orElseThrow()).isGreaterThanOrEqualTo(demo.devices());
        });
        assertThat(report.actions()).anyMatch(a -> a.contains("203.0.113.XXX"));
        assertThat(report.errors().get(0).code()).isEqualTo("404104");
    }

    static TriageReport triage(FleetScenario scenario) {
        try (Triage triage = SimulatedSources.triage(scenario)) {
            return triage.run(scenario.request());
        }
    }
}
