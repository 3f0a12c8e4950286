package io.iothubtriage.functions;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.config.ReportLinkSettings;
import io.iothubtriage.config.StorageSettings;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.TriageRun;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.functions.testing.Azurite;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StoredReportsTest {
    final TriageReport report = ReportFixtures.networkSubset();
    final TriageEngine engine = request -> new TriageRun(report, List.of(), Duration.ofMillis(5));
    final TriageRequest request = TriageRequest.forWindow(ReportFixtures.HUB, ReportFixtures.WINDOW,
            WindowPolicy.defaults());

    @Test
    void offByDefaultTheEngineIsUntouched() {
        StorageSettings storage = new StorageSettings.ConnectionString(Azurite.blob().connectionString());
        TriageEngine wrapped = StoredReports.wrap(engine, ReportLinkSettings.disabled(), storage, null,
                Clock.systemUTC());
        assertThat(wrapped).isSameAs(engine);
    }

    @Test
    void optedInEveryTriageIsStoredAndItsReportCarriesTheLink() throws Exception {
        StorageSettings storage = new StorageSettings.ConnectionString(Azurite.blob().connectionString());
        TriageEngine wrapped = StoredReports.wrap(engine,
                new ReportLinkSettings(true, Duration.ofDays(3), Optional.empty()), storage,
                null, Clock.systemUTC());

        TriageRun run = wrapped.run(request);

        String link = run.report().links().fullReport();
        assertThat(link).contains("/triage-reports/contoso-hub-prod/").contains("sp=r");
        assertThat(run.total()).isEqualTo(Duration.ofMillis(5));
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).startsWith("<!doctype html>").contains(report.headline().substring(0, 20));
    }
}
