package io.iothubtriage.evidence.azure;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.config.Profile;
import io.iothubtriage.config.Settings;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment's TRIAGE_INGESTION_ALLOWANCE reaches the live connection-log source: settings → live options →
 * the process's sources. A window whose end is silent for longer than the allowance, soon after the window, is a
 * "not landed yet" gap; a deployment that allows logs longer to land does not get that gap for the same silence.
 */
class IngestionAllowanceTest {
    static final List<ConnectionLogRow> ROWS = new ArrayList<>();
    static WireMockServer server;

    @BeforeAll
    static void start() {
        LiveRowsTest.SCENARIO.rows(ROWS::add);
        server = FakeAzureServer.start(new FakeLogAnalytics(LiveRowsTest.SCENARIO.hub(), ROWS,
                LiveRowsTest.INGESTION_DELAY));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** The demo's window, 8 minutes longer than its data: the triage runs a minute after its end. */
    static TriageRequest longerThanTheData() {
        TriageRequest demo = LiveRowsTest.SCENARIO.request();
        TimeWindow longer = new TimeWindow(demo.window().start(), demo.window().end().plus(Duration.ofMinutes(8)));
        return new TriageRequest(demo.hub(), longer, demo.baseline(), demo.alert());
    }

    static Fetched<ConnectionEvidence> fetch(Map<String, String> extra, TriageRequest request, Instant now)
            throws Exception {
        String base = FakeAzureServer.baseUrl(server);
        Map<String, String> env = new HashMap<>(Map.of("AzureWebJobsStorage", "UseDevelopmentStorage=true",
                "ARM_ENDPOINT", base, "LOG_ANALYTICS_ENDPOINT", base + "/v1", "AZURE_AUTHORITY_HOST", base));
        env.putAll(extra);
        LiveOptions options = Settings.from(env, Profile.APP).liveOptions();
        LiveSources sources = AzureConnections.create(options.endpoints(), new FakeCredential(), TestTls.httpClient(),
                AzurePipelines.retryOptions(Duration.ofMillis(10), Duration.ofMillis(50)))
                .sources(options, Clock.fixed(now, ZoneOffset.UTC));
        return sources.connections().fetch(request);
    }

    @Test
    void withTheDefaultAllowanceTheSilentEndIsAGap() throws Exception {
        TriageRequest request = longerThanTheData();
        Instant now = request.window().end().plus(Duration.ofMinutes(1));

        Fetched<ConnectionEvidence> live = fetch(Map.of(), request, now);

        Instant newest = live.value().lastRowTime().orElseThrow();
        assertThat(Duration.between(newest, request.window().end())).as("the silence at the window's end")
                .isGreaterThan(Duration.ofMinutes(8)).isLessThan(Duration.ofMinutes(20));
        assertThat(live.gaps()).singleElement().satisfies(g -> {
            assertThat(g.source()).isEqualTo(Gap.CONNECTION_LOGS);
            assertThat(g.reason()).contains("had not landed when this ran");
        });
    }

    @Test
    void theDeploymentsAllowanceDecidesWhetherTheSilentEndIsAGap() throws Exception {
        TriageRequest request = longerThanTheData();
        Instant now = request.window().end().plus(Duration.ofMinutes(1));

        Fetched<ConnectionEvidence> patient = fetch(Map.of("TRIAGE_INGESTION_ALLOWANCE", "PT20M"), request, now);
        Fetched<ConnectionEvidence> strict = fetch(Map.of("TRIAGE_INGESTION_ALLOWANCE", "PT1M"), request, now);

        assertThat(patient.gaps()).as("20 minutes allowed: a silence shorter than that is no gap").isEmpty();
        assertThat(strict.gaps()).extracting(Gap::reason).singleElement().asString()
                .contains("had not landed when this ran");
    }
}
