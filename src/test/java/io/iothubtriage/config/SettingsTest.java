package io.iothubtriage.config;

import io.iothubtriage.evidence.azure.AzureCloud;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    private static final String TEAMS = "https://prod-00.westeurope.logic.azure.com/workflows/abc/triggers/manual"
            + "/paths/invoke?api-version=2016-06-01&sig=SECRETSIG";

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        return env;
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        Settings s = Settings.from(minimal());
        assertThat(s.teamsWebhooks()).isEmpty();
        assertThat(s.hasDestinations()).isFalse();
        assertThat(s.logAnalyticsWorkspace()).isEmpty();
        assertThat(s.triageHubs()).isEmpty();
        assertThat(s.notifyOnResolved()).isTrue();
        assertThat(s.suppressRepeat()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.windowBefore()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.windowAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.baseline()).isEqualTo(Duration.ofHours(24));
        assertThat(s.logsTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.healthTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.metricsTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.cloud()).isEqualTo(AzureCloud.AZURE_CLOUD);
        assertThat(s.armEndpoint()).isEqualTo(URI.create("https://management.azure.com"));
        assertThat(s.logAnalyticsEndpoint()).isEqualTo(URI.create("https://api.loganalytics.io/v1"));
        assertThat(s.authorityHost()).isEqualTo(URI.create("https://login.microsoftonline.com"));
        assertThat(s.clientId()).isEmpty();
        assertThat(s.storage()).isEqualTo(new StorageSettings.ConnectionString(StorageSettings.DEVELOPMENT_STORAGE));
    }

    @Test
    void readsEverySettingTyped() {
        Map<String, String> env = minimal();
        env.put("TEAMS_WEBHOOK_URL", TEAMS + " , https://example.com/hook2");
        env.put("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/XYZ");
        env.put("GENERIC_WEBHOOK_URL", "http://127.0.0.1:8080/hook");
        env.put("LOG_ANALYTICS_WORKSPACE_ID", "0b5a9a0e-1111-2222-3333-444455556666");
        env.put("TRIAGE_HUBS", "/subscriptions/a/x, /subscriptions/b/y,");
        env.put("NOTIFY_ON_RESOLVED", "FALSE");
        env.put("SUPPRESS_REPEAT_MINUTES", "0");
        env.put("TRIAGE_WINDOW_BEFORE", "pt45m");
        env.put("TRIAGE_WINDOW_AFTER", "PT0S");
        env.put("TRIAGE_BASELINE", "P2D");
        env.put("LOGS_TIMEOUT", "PT90S");
        env.put("HEALTH_TIMEOUT", "PT5S");
        env.put("METRICS_TIMEOUT", "PT20S");
        env.put("AZURE_CLOUD", "azurechinacloud");
        env.put("ARM_ENDPOINT", "https://localhost:9999/");
        env.put("AZURE_CLIENT_ID", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");

        Settings s = Settings.from(env);

        assertThat(s.teamsWebhooks()).containsExactly(TEAMS, "https://example.com/hook2");
        assertThat(s.slackWebhooks()).hasSize(1);
        assertThat(s.genericWebhooks()).containsExactly("http://127.0.0.1:8080/hook");
        assertThat(s.logAnalyticsWorkspace()).contains("0b5a9a0e-1111-2222-3333-444455556666");
        assertThat(s.triageHubs()).containsExactly("/subscriptions/a/x", "/subscriptions/b/y");
        assertThat(s.notifyOnResolved()).isFalse();
        assertThat(s.suppressRepeat()).isZero();
        assertThat(s.windowBefore()).isEqualTo(Duration.ofMinutes(45));
        assertThat(s.windowAfter()).isZero();
        assertThat(s.baseline()).isEqualTo(Duration.ofDays(2));
        assertThat(s.logsTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.cloud()).isEqualTo(AzureCloud.AZURE_CHINA_CLOUD);
        assertThat(s.armEndpoint()).isEqualTo(URI.create("https://localhost:9999"));
        assertThat(s.logAnalyticsEndpoint()).isEqualTo(URI.create("https://api.loganalytics.azure.cn/v1"));
        assertThat(s.authorityHost()).isEqualTo(URI.create("https://login.chinacloudapi.cn"));
        assertThat(s.clientId()).contains("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    }

    @Test
    void everyBadSettingIsNamedInOneFailure() {
        Map<String, String> env = minimal();
        env.put("SUPPRESS_REPEAT_MINUTES", "thirty");
        env.put("LOGS_TIMEOUT", "60");
        env.put("NOTIFY_ON_RESOLVED", "yes please");
        env.put("AZURE_CLOUD", "Mars");
        env.put("LOG_ANALYTICS_WORKSPACE_ID", "my-workspace");
        env.put("TRIAGE_WINDOW_BEFORE", "P30D");
        env.put("LOG_ANALYTICS_ENDPOINT", "https://api.loganalytics.io");
        env.put("ARM_ENDPOINT", "http://localhost:9999");

        assertThatThrownBy(() -> Settings.from(env))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems())
                        .extracting(SettingsException.Problem::setting)
                        .containsExactlyInAnyOrder("SUPPRESS_REPEAT_MINUTES", "LOGS_TIMEOUT", "NOTIFY_ON_RESOLVED",
                                "AZURE_CLOUD", "LOG_ANALYTICS_WORKSPACE_ID", "TRIAGE_WINDOW_BEFORE",
                                "LOG_ANALYTICS_ENDPOINT", "ARM_ENDPOINT"))
                .hasMessageContaining("SUPPRESS_REPEAT_MINUTES: must be a whole number of minutes, not 'thirty'")
                .hasMessageContaining("LOGS_TIMEOUT: is not an ISO-8601 duration such as PT60S: '60'")
                .hasMessageContaining("LOG_ANALYTICS_ENDPOINT: must end with /v1")
                .hasMessageContaining("ARM_ENDPOINT: must use https");
    }

    @Test
    void aBadWebhookIsNamedByPositionAndNeverEchoed() {
        Map<String, String> env = minimal();
        env.put("TEAMS_WEBHOOK_URL", TEAMS + ",http://prod-01.logic.azure.com/workflows/x?sig=OTHERSECRET");
        env.put("SLACK_WEBHOOK_URL", "hooks.slack.com/services/T0/B0/SLACKSECRET");

        assertThatThrownBy(() -> Settings.from(env))
                .hasMessageContaining("TEAMS_WEBHOOK_URL: entry 2 of 2 must use https")
                .hasMessageContaining("SLACK_WEBHOOK_URL: entry 1 of 1 is not an absolute URL")
                .hasMessageNotContaining("SECRET")
                .hasMessageNotContaining("logic.azure.com")
                .hasMessageNotContaining("hooks.slack.com");
    }

    @Test
    void storageIsRequiredAndItsConnectionStringNeverEchoed() {
        assertThatThrownBy(() -> Settings.from(Map.of()))
                .hasMessageContaining("AzureWebJobsStorage: is not set");
        assertThatThrownBy(() -> Settings.from(Map.of("AzureWebJobsStorage", "SuperSecretKeyWithoutStructure")))
                .hasMessageContaining("AzureWebJobsStorage: is not a storage connection string")
                .hasMessageNotContaining("SuperSecret");
    }

    @Test
    void identityBasedStorageUsesTheCloudsTableEndpoint() {
        Settings s = Settings.from(Map.of("AzureWebJobsStorage__accountName", "triagestore01",
                "AZURE_CLOUD", "AzureUSGovernment"));
        assertThat(s.storage()).isEqualTo(new StorageSettings.Identity(
                URI.create("https://triagestore01.table.core.usgovcloudapi.net"), java.util.Optional.empty()));

        assertThatThrownBy(() -> Settings.from(Map.of("AzureWebJobsStorage__accountName", "Bad_Name")))
                .hasMessageContaining("AzureWebJobsStorage__accountName: is not a storage account name");
    }

    @Test
    void toStringHidesSecrets() {
        Map<String, String> env = minimal();
        env.put("TEAMS_WEBHOOK_URL", TEAMS);
        String text = Settings.from(env).toString();
        assertThat(text).doesNotContain("SECRETSIG").doesNotContain("AccountKey").contains("teamsWebhooks=1");
    }
}
