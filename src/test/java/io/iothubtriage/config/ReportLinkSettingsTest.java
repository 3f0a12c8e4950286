package io.iothubtriage.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportLinkSettingsTest {
    static final StorageSettings KEYED = new StorageSettings.ConnectionString(StorageSettings.DEVELOPMENT_STORAGE);
    static final StorageSettings IDENTITY = new StorageSettings.Identity(
            URI.create("https://triagestore.table.core.windows.net"), Optional.empty());

    @Test
    void offByDefaultWithSevenDayLinks() {
        ReportLinkSettings s = ReportLinkSettings.from(Map.of(), IDENTITY);
        assertThat(s.enabled()).isFalse();
        assertThat(s.validity()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void optInWithShorterLinksAndTheBlobEndpointOfTheSameAccount() {
        ReportLinkSettings s = ReportLinkSettings.from(Map.of("REPORT_LINKS", "true", "REPORT_LINK_DAYS", "2"),
                IDENTITY);
        assertThat(s.enabled()).isTrue();
        assertThat(s.validity()).isEqualTo(Duration.ofDays(2));
        assertThat(s.blobService()).contains(URI.create("https://triagestore.blob.core.windows.net"));
        ReportLinkSettings sovereign = ReportLinkSettings.from(Map.of("REPORT_LINKS", "TRUE"),
                new StorageSettings.Identity(URI.create("https://acct.table.core.chinacloudapi.cn"), Optional.empty()));
        assertThat(sovereign.blobService()).contains(URI.create("https://acct.blob.core.chinacloudapi.cn"));
        assertThat(ReportLinkSettings.from(Map.of("REPORT_LINKS", "true"), KEYED).blobService()).isEmpty();
    }

    @Test
    void badValuesAreNamedTogether() {
        assertThatThrownBy(() -> ReportLinkSettings.from(Map.of("REPORT_LINKS", "yes", "REPORT_LINK_DAYS", "30"),
                IDENTITY))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .extracting(SettingsException.Problem::setting)
                        .containsExactly("REPORT_LINKS", "REPORT_LINK_DAYS"))
                .hasMessageContaining("from 1 to 7");
        assertThatThrownBy(() -> ReportLinkSettings.from(Map.of("REPORT_LINK_DAYS", "0"), IDENTITY))
                .hasMessageContaining("REPORT_LINK_DAYS");
        assertThatThrownBy(() -> ReportLinkSettings.from(Map.of("REPORT_LINKS", "true",
                "AzureWebJobsStorage__blobServiceUri", "http://plain.example"), IDENTITY))
                .hasMessageContaining("AzureWebJobsStorage__blobServiceUri");
    }
}
