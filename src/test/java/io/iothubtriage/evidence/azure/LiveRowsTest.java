package io.iothubtriage.evidence.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.notify.JsonTrees;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.Confidence;
import io.iothubtriage.diagnosis.Diagnosis;
import io.iothubtriage.diagnosis.DiagnosisOptions;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.ExportedEvidence;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.Inputs;
import io.iothubtriage.notify.ReportJson;
import io.iothubtriage.notify.TextRenderer;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Scenarios;
import io.iothubtriage.testing.ExportWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live rows path against a workspace holding one simulated hub's rows (the demo: 1,000 devices, a site outage,
 * hourly SAS renewals, a day of baseline): the same rows exported to a file and read offline must give the same
 * evidence, field by field, and the same report.
 */
class LiveRowsTest {

    static final Duration INGESTION_DELAY = Duration.ofSeconds(95);
    static final FleetScenario SCENARIO = Scenarios.demo();
    static final List<ConnectionLogRow> ROWS = new ArrayList<>();
    static WireMockServer server;

    @BeforeAll
    static void start() {
        SCENARIO.rows(ROWS::add);
        server = FakeAzureServer.start(new FakeLogAnalytics(SCENARIO.hub(), ROWS, INGESTION_DELAY));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static LogAnalyticsConnectionSource source(Instant now, long rowCap) {
        return LogAnalyticsConnectionSource.builder()
                .endpoint(FakeAzureServer.baseUrl(server) + "/v1")
                .httpClient(TestTls.httpClient())
                .retryOptions(AzurePipelines.retryOptions(Duration.ofMillis(10), Duration.ofMillis(50)))
                .timeout(Duration.ofSeconds(30))
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .rowCap(rowCap)
                .build();
    }

    static TriageReport report(TriageRequest request, Fetched<ConnectionEvidence> logs, Instant now) {
        List<Gap> gaps = new ArrayList<>(logs.gaps());
        Evidence evidence = new Evidence(Optional.of(logs.value()), Optional.of(SCENARIO.health()),
                Optional.of(SCENARIO.deviceCount()), gaps);
        return Diagnosis.diagnose(request, evidence, DiagnosisOptions.defaults(), now);
    }

    @Test
    void theLiveRowsGiveTheSameEvidenceAndReportAsTheExportedRows(@TempDir Path dir) throws Exception {
        TriageRequest request = SCENARIO.request();
        Path export = dir.resolve("connections.json");
        // every column of AzureDiagnostics (the hub's _ResourceId among them), as a portal or API export has them
        ExportWriter.write(export, ExportWriter.Format.LOG_ANALYTICS_RESPONSE, ROWS,
                ExportWriter.Options.realistic().otherCategoryEvery(0).hub(SCENARIO.hub()));
        Fetched<ConnectionEvidence> judged = ExportedEvidence.connections(request, List.of(export));
        // The one known difference (docs/live-evidence.md): an export's baseline rows are judged by the renewal rule,
        // the live path only counts the baseline. Compared as counted, everything else must be equal.
        Fetched<ConnectionEvidence> offline = new Fetched<>(counted(judged.value()), judged.gaps());
        assertThat(judged.value().codes()).allSatisfy(c -> assertThat(c.baselineNoiseEvents()).isPresent());
        Instant now = request.window().end().plus(Duration.ofMinutes(3));

        Fetched<ConnectionEvidence> live = source(now, LogAnalyticsConnectionSource.DEFAULT_ROW_CAP).fetch(request);

        ConnectionEvidence o = offline.value();
        ConnectionEvidence l = live.value();
        // the scenario is worth comparing: a drop of hundreds of devices, renewals set aside, SDKs known
        assertThat(o.affectedDevices()).isGreaterThan(200);
        assertThat(o.noise().sasRenewalDevices()).isPositive();
        assertThat(o.codes()).anySatisfy(c -> assertThat(c.baselineEvents()).isPositive());
        assertThat(o.fleet().get(Dimension.SDK_VERSION).devices()).isGreaterThan(o.activeDevices() / 2);

        assertThat(live.gaps()).isEmpty();
        assertThat(l.analysisRows()).as("analysisRows").isEqualTo(o.analysisRows());
        assertThat(l.baselineRows()).as("baselineRows").isEqualTo(o.baselineRows());
        assertThat(l.lastRowTime()).as("lastRowTime").isEqualTo(o.lastRowTime());
        assertThat(l.activeDevices()).as("activeDevices").isEqualTo(o.activeDevices());
        assertThat(l.disconnectedDevices()).as("disconnectedDevices").isEqualTo(o.disconnectedDevices());
        assertThat(l.codes()).as("codes").isEqualTo(o.codes());
        assertThat(l.families()).as("families").isEqualTo(o.families());
        assertThat(l.noise()).as("noise").isEqualTo(o.noise());
        assertThat(l.fleet()).as("fleet").isEqualTo(o.fleet());
        assertThat(l.topDevices()).as("topDevices").isEqualTo(o.topDevices());
        assertThat(l.timeline()).as("timeline").isEqualTo(o.timeline());

        Inputs in = l.inputs().orElseThrow();
        assertThat(in.source()).isEqualTo(Inputs.LIVE_ROWS);
        assertThat(in.used()).isEqualTo(o.analysisRows());
        assertThat(in.first().orElseThrow()).isBetween(request.window().start(), request.window().start().plusSeconds(60));
        assertThat(in.last()).isEqualTo(o.lastRowTime());
        assertThat(l.newestIngested()).contains(o.lastRowTime().orElseThrow().plus(INGESTION_DELAY));

        TriageReport offlineReport = report(request, offline, now);
        TriageReport liveReport = report(request, live, now);
        ObjectNode offlineJson = (ObjectNode) JsonTrees.read(ReportJson.toJson(offlineReport));
        ObjectNode liveJson = (ObjectNode) JsonTrees.read(ReportJson.toJson(liveReport));
        assertThat(liveJson.path("inputs").path("source").asText()).isEqualTo("logAnalyticsRows");
        assertThat(liveJson.path("inputs").path("used").asLong()).isEqualTo(o.analysisRows());
        assertThat(offlineJson.path("inputs").path("source").asText()).isEqualTo("files");
        assertThat(liveJson.path("freshness").path("newestIngested").asText())
                .isEqualTo(o.lastRowTime().orElseThrow().plus(INGESTION_DELAY).toString());
        assertThat(offlineJson.path("freshness").path("newestIngested").isNull()).isTrue();
        assertThat(offlineJson.path("freshness").path("newestRow").asText())
                .isEqualTo(liveJson.path("freshness").path("newestRow").asText());
        // The live rows path reads the baseline as per-code counts, not as rows: it has no baseline strip to draw
        // (docs/live-evidence.md, "Known differences"), and says so rather than drawing zeros.
        assertThat(liveJson.path("baselineTimeline").path("buckets").size()).isZero();
        assertThat(offlineJson.path("baselineTimeline").path("buckets").size()).isPositive();
        for (ObjectNode json : List.of(offlineJson, liveJson)) {
            json.remove(List.of("inputs", "freshness", "baselineTimeline"));
        }
        assertThat(liveJson).isEqualTo(offlineJson);
        assertThat(new TextRenderer(false).render(liveReport)).containsPattern(
                "Logs +newest row \\d\\d:\\d\\d:\\d\\d UTC, landed \\d\\d:\\d\\d:\\d\\d UTC; checked "
                        + "\\d\\d:\\d\\d:\\d\\d UTC; [0-9,]+ rows read");
        assertThat(new io.iothubtriage.notify.MarkdownRenderer().render(liveReport))
                .containsPattern("\\| \\*\\*Logs\\*\\* \\| newest row [0-9:]+ UTC, landed [0-9:]+ UTC; checked [0-9:]+ UTC; "
                        + "[0-9,]+ rows read \\|");
        assertThat(new TextRenderer(false).render(offlineReport)).containsPattern("Logs +newest row [0-9:]+ UTC; checked")
                .doesNotContain("landed");
    }

    /** The evidence as a source that counts the baseline without judging its rows would give it. */
    static ConnectionEvidence counted(ConnectionEvidence e) {
        List<CodeStats> codes = e.codes().stream().map(c -> new CodeStats(c.code(), c.description(), c.events(),
                c.devices(), c.noiseEvents(), c.onConnect(), c.baselineEvents(), c.baselineDevices(), c.firstSeen(),
                c.lastSeen())).toList();
        return new ConnectionEvidence(e.window(), e.analysisRows(), e.baselineRows(), e.lastRowTime(),
                e.activeDevices(), e.disconnectedDevices(), codes, e.families(), e.noise(), e.fleet(), e.topDevices(),
                e.timeline(), e.cleanDisconnectDevices(), e.inputs(), e.baselineStrip(), e.newestIngested());
    }

    @Test
    void aWindowWhoseEndHasNotLandedIsAGapAndLowersConfidence() throws Exception {
        // The data stops at the demo's window end; the window asked about runs 8 minutes further, and the triage
        // runs a minute after it: the hub logs dozens of rows a minute, so its last minutes had not landed.
        TriageRequest demo = SCENARIO.request();
        TimeWindow longer = new TimeWindow(demo.window().start(), demo.window().end().plus(Duration.ofMinutes(8)));
        TriageRequest request = new TriageRequest(demo.hub(), longer, demo.baseline(), demo.alert());
        Instant now = longer.end().plus(Duration.ofMinutes(1));

        Fetched<ConnectionEvidence> live = source(now, LogAnalyticsConnectionSource.DEFAULT_ROW_CAP).fetch(request);

        Instant newest = live.value().lastRowTime().orElseThrow();
        assertThat(newest).isBefore(demo.window().end());
        String hhmm = newest.toString().substring(11, 16);
        assertThat(live.gaps()).singleElement().satisfies(g -> {
            assertThat(g.source()).isEqualTo(Gap.CONNECTION_LOGS);
            assertThat(g.reason()).startsWith("logs after " + hhmm + " UTC had not landed when this ran ("
                    + now.toString().substring(11, 16) + " UTC");
        });
        TriageReport report = report(request, live, now);
        assertThat(report.confidence()).isNotEqualTo(Confidence.HIGH);

        // Rerun an hour later: what is missing had time to land, so the silence is evidence, not a gap.
        Fetched<ConnectionEvidence> later = source(longer.end().plus(Duration.ofHours(1)),
                LogAnalyticsConnectionSource.DEFAULT_ROW_CAP).fetch(request);
        assertThat(later.gaps()).isEmpty();
    }

    @Test
    void aWindowOverTheRowCapIsSummarisedServerSide() throws Exception {
        server.stubFor(post(anyUrl()).withRequestBody(containing("totalsSection"))
                .willReturn(okJson(LogAnalyticsConnectionSourceTest.outage().json())));
        server.stubFor(post(anyUrl()).withRequestBody(containing("bin(TimeGenerated, 1m)"))
                .willReturn(okJson(LogAnalyticsConnectionSourceTest.timelineJson())));
        try {
            TriageRequest request = SCENARIO.request();
            Instant now = request.window().end().plus(Duration.ofMinutes(3));

            Fetched<ConnectionEvidence> live = source(now, 100).fetch(request);

            Inputs in = live.value().inputs().orElseThrow();
            assertThat(in.source()).isEqualTo(Inputs.LIVE_SUMMARY);
            assertThat(live.value().activeDevices()).isEqualTo(1204); // the summary's, not the rows'
            assertThat(live.value().newestIngested()).isPresent();
            assertThat(JsonTrees.read(ReportJson.toJson(report(request, live, now))).path("inputs").path("source").asText())
                    .isEqualTo("logAnalyticsSummary");
        } finally {
            server.resetMappings();
        }
    }

    @Test
    void aRefusedRowQueryFailsTheSourceWithTheSameSentenceAsEveryQuery() {
        server.stubFor(post(anyUrl()).withRequestBody(containing("take rowLimit")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"InsufficientAccessError\",\"message\":\"The provided "
                                + "credentials have insufficient access to perform the requested operation\"}}")));
        try {
            TriageRequest request = SCENARIO.request();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> source(request.window().end()
                    .plus(Duration.ofMinutes(3)), 1000).fetch(request))
                    .isInstanceOf(io.iothubtriage.evidence.EvidenceException.class)
                    .hasMessage("Log Analytics answered 403 InsufficientAccessError (The provided credentials have "
                            + "insufficient access to perform the requested operation): the identity needs "
                            + "Reader on the hub " + request.hub().resourceId()
                            + " (resource-context access to its logs)");
        } finally {
            server.resetMappings();
        }
    }

    @Test
    void aWorkspaceWithoutDataAnswersNoContentAndThatIsNoRows() throws Exception {
        server.stubFor(post(anyUrl()).atPriority(1).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));
        try {
            TriageRequest request = SCENARIO.request();
            Fetched<ConnectionEvidence> live = source(request.window().end().plus(Duration.ofMinutes(3)), 1000)
                    .fetch(request);
            assertThat(live.value().analysisRows()).isZero();
            assertThat(live.value().baselineRows()).isZero();
            assertThat(live.value().inputs().orElseThrow().source()).isEqualTo(Inputs.LIVE_ROWS);
            assertThat(live.gaps()).isEmpty();
        } finally {
            server.resetMappings();
        }
    }

    @Test
    void withAWorkspaceEveryQueryGoesToTheWorkspaceWithItsServerTimeoutAndAskedForGzip() throws Exception {
        server.resetRequests();
        TriageRequest request = SCENARIO.request();
        String workspace = "63613592-b6f7-4c3d-a390-22ba13102111";
        LogAnalyticsConnectionSource source = LogAnalyticsConnectionSource.builder()
                .endpoint(FakeAzureServer.baseUrl(server) + "/v1")
                .httpClient(TestTls.httpClient())
                .workspaceId(Optional.of(workspace))
                .timeout(Duration.ofSeconds(20))
                .clock(Clock.fixed(request.window().end().plus(Duration.ofMinutes(3)), ZoneOffset.UTC))
                .build();

        Fetched<ConnectionEvidence> live = source.fetch(request);

        assertThat(live.value().inputs().orElseThrow().source()).isEqualTo(Inputs.LIVE_ROWS);
        var requests = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(requests).hasSize(3).allSatisfy(r -> {
            assertThat(r.getUrl()).isEqualTo("/v1/workspaces/" + workspace + "/query");
            assertThat(r.getHeader("Prefer")).isEqualTo("wait=19");
        });
        var rows = requests.stream().filter(r -> r.getBodyAsString().contains("take rowLimit")).findFirst()
                .orElseThrow();
        assertThat(rows.getHeader("Accept-Encoding")).isEqualTo("gzip");
        assertThat(rows.getBodyAsString()).contains("\"timespan\":\"" + request.window().start() + "/"
                + request.window().end().plus(Duration.ofMinutes(2)) + "\"");
    }
}
