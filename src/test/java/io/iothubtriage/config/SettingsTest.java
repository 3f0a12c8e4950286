package io.iothubtriage.config;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.azure.CredentialKind;
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
    static final String HUB_A = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers"
            + "/Microsoft.Devices/IotHubs/hub-a";
    static final String HUB_B = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers"
            + "/Microsoft.Devices/IotHubs/hub-b";

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        return env;
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        Settings s = Settings.from(minimal(), Profile.APP);
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
        assertThat(s.endpoints().resourceManager()).isEqualTo(URI.create("https://management.azure.com"));
        assertThat(s.endpoints().logAnalytics()).isEqualTo(URI.create("https://api.loganalytics.io/v1"));
        assertThat(s.endpoints().authorityHost()).isEqualTo(URI.create("https://login.microsoftonline.com"));
        assertThat(s.clientId()).isEmpty();
        assertThat(s.storage()).contains(new StorageSettings.ConnectionString(StorageSettings.DEVELOPMENT_STORAGE));
        assertThat(s.ingestionAllowance()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.reportLinks()).isEqualTo(ReportLinkSettings.disabled());
        assertThat(s.credentialKind()).isEqualTo(CredentialKind.DEFAULT_AZURE_CREDENTIAL);
    }

    @Test
    void readsEverySettingTyped() {
        Map<String, String> env = minimal();
        env.put("TEAMS_WEBHOOK_URL", TEAMS + " , https://example.com/hook2");
        env.put("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/XYZ");
        env.put("GENERIC_WEBHOOK_URL", "http://127.0.0.1:8080/hook");
        env.put("LOG_ANALYTICS_WORKSPACE_ID", "0b5a9a0e-1111-2222-3333-444455556666");
        env.put("TRIAGE_HUBS", HUB_A + ", " + HUB_B + ",");
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

        Settings s = Settings.from(env, Profile.APP);

        assertThat(s.teamsWebhooks()).containsExactly(TEAMS, "https://example.com/hook2");
        assertThat(s.slackWebhooks()).hasSize(1);
        assertThat(s.genericWebhooks()).containsExactly("http://127.0.0.1:8080/hook");
        assertThat(s.logAnalyticsWorkspace()).contains("0b5a9a0e-1111-2222-3333-444455556666");
        assertThat(s.triageHubs()).containsExactly(HubId.parse(HUB_A), HubId.parse(HUB_B));
        assertThat(s.notifyOnResolved()).isFalse();
        assertThat(s.suppressRepeat()).isZero();
        assertThat(s.windowBefore()).isEqualTo(Duration.ofMinutes(45));
        assertThat(s.windowAfter()).isZero();
        assertThat(s.baseline()).isEqualTo(Duration.ofDays(2));
        assertThat(s.logsTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.cloud()).isEqualTo(AzureCloud.AZURE_CHINA_CLOUD);
        assertThat(s.endpoints().resourceManager()).isEqualTo(URI.create("https://localhost:9999"));
        assertThat(s.endpoints().logAnalytics()).isEqualTo(URI.create("https://api.loganalytics.azure.cn/v1"));
        assertThat(s.endpoints().authorityHost()).isEqualTo(URI.create("https://login.chinacloudapi.cn"));
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

        assertThatThrownBy(() -> Settings.from(env, Profile.APP))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems())
                        .extracting(SettingsException.Problem::setting)
                        .containsExactlyInAnyOrder("SUPPRESS_REPEAT_MINUTES", "LOGS_TIMEOUT", "NOTIFY_ON_RESOLVED",
                                "AZURE_CLOUD", "LOG_ANALYTICS_WORKSPACE_ID", "TRIAGE_WINDOW_BEFORE",
                                "LOG_ANALYTICS_ENDPOINT", "ARM_ENDPOINT"))
                .hasMessageContaining("SUPPRESS_REPEAT_MINUTES: must be a whole number of minutes, not 'thirty'")
                .hasMessageContaining("LOGS_TIMEOUT: is not a duration such as PT1H, 90m, 6h, 2d or 1h30m: '60'")
                .hasMessageContaining("LOG_ANALYTICS_ENDPOINT: must end with /v1")
                .hasMessageContaining("ARM_ENDPOINT: must use https");
    }

    /** Every duration setting takes the forms --lookback takes, in every profile: one parser for all. */
    @Test
    void everyDurationSettingTakesTheShortFormsAsWellAsIso() {
        String[][] settings = {
                {"TRIAGE_WINDOW_BEFORE", "45m", "PT45M", "2700"},
                {"TRIAGE_WINDOW_AFTER", "0m", "PT0S", "0"},
                {"TRIAGE_BASELINE", "2d", "P2D", "172800"},
                {"TRIAGE_INGESTION_ALLOWANCE", "1m30s", "PT90S", "90"},
                {"LOGS_TIMEOUT", "60s", "PT60S", "60"},
                {"HEALTH_TIMEOUT", "20s", "PT20S", "20"},
                {"METRICS_TIMEOUT", "2m", "PT2M", "120"}};
        for (String[] setting : settings) {
            for (String text : new String[]{setting[1], setting[2], setting[1].toUpperCase()}) {
                Map<String, String> env = minimal();
                env.put(setting[0], text);
                Settings s = Settings.from(env, Profile.APP);
                Duration read = switch (setting[0]) {
                    case "TRIAGE_WINDOW_BEFORE" -> s.windowBefore();
                    case "TRIAGE_WINDOW_AFTER" -> s.windowAfter();
                    case "TRIAGE_BASELINE" -> s.baseline();
                    case "TRIAGE_INGESTION_ALLOWANCE" -> s.ingestionAllowance();
                    case "LOGS_TIMEOUT" -> s.logsTimeout();
                    case "HEALTH_TIMEOUT" -> s.healthTimeout();
                    default -> s.metricsTimeout();
                };
                assertThat(read).as(setting[0] + "=" + text).isEqualTo(Duration.ofSeconds(Long.parseLong(setting[3])));
            }
        }
        Settings both = Settings.from(Map.of("AzureWebJobsStorage", "UseDevelopmentStorage=true",
                "TRIAGE_BASELINE", "2d", "LOGS_TIMEOUT", "60s"), Profile.APP);
        assertThat(both.baseline()).isEqualTo(Duration.ofDays(2));
        assertThat(both.logsTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aDurationSettingOutOfRangeOrUnreadableIsNamedWithItsRangeInWords() {
        Map<String, String> env = minimal();
        env.put("TRIAGE_BASELINE", "31d");
        env.put("TRIAGE_WINDOW_BEFORE", "30s");
        env.put("LOGS_TIMEOUT", "5m");
        env.put("HEALTH_TIMEOUT", "0s");
        env.put("METRICS_TIMEOUT", "soon");
        assertThatThrownBy(() -> Settings.from(env, Profile.APP))
                .hasMessageContaining("TRIAGE_BASELINE: must be between 1 minute and 30 days, not 31 days")
                .hasMessageContaining("TRIAGE_WINDOW_BEFORE: must be between 1 minute and 1 day, not 30 seconds")
                .hasMessageContaining("LOGS_TIMEOUT: must be between 1 second and 3 minutes, not 5 minutes")
                .hasMessageContaining("HEALTH_TIMEOUT: must be between 1 second and 3 minutes, not 0 seconds")
                .hasMessageContaining("METRICS_TIMEOUT: is not a duration such as PT1H, 90m, 6h, 2d or 1h30m: 'soon'")
                .hasMessageNotContaining("P31D").hasMessageNotContaining("PT5M");
        // The CLI's own limits, in the same forms and wording.
        assertThatThrownBy(() -> Settings.from(Map.of("LOGS_TIMEOUT", "11m", "HEALTH_TIMEOUT", "0s"), Profile.CLI))
                .hasMessageContaining("LOGS_TIMEOUT: must be between 1 second and 10 minutes, not 11 minutes")
                .hasMessageContaining("HEALTH_TIMEOUT: must be between 1 second and 10 minutes, not 0 seconds");
        assertThat(Settings.from(Map.of("LOGS_TIMEOUT", "10m", "METRICS_TIMEOUT", "PT5M"), Profile.CLI).liveOptions()
                .metricsTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aBadWebhookIsNamedByPositionAndNeverEchoed() {
        Map<String, String> env = minimal();
        env.put("TEAMS_WEBHOOK_URL", TEAMS + ",http://prod-01.logic.azure.com/workflows/x?sig=OTHERSECRET");
        env.put("SLACK_WEBHOOK_URL", "hooks.slack.com/services/T0/B0/SLACKSECRET");

        assertThatThrownBy(() -> Settings.from(env, Profile.APP))
                .hasMessageContaining("TEAMS_WEBHOOK_URL: entry 2 of 2 must use https")
                .hasMessageContaining("SLACK_WEBHOOK_URL: entry 1 of 1 is not an absolute URL")
                .hasMessageNotContaining("SECRET")
                .hasMessageNotContaining("logic.azure.com")
                .hasMessageNotContaining("hooks.slack.com");
    }

    @Test
    void storageIsRequiredAndItsConnectionStringNeverEchoed() {
        assertThatThrownBy(() -> Settings.from(Map.of(), Profile.APP))
                .hasMessageContaining("AzureWebJobsStorage: is not set");
        assertThatThrownBy(() -> Settings.from(Map.of("AzureWebJobsStorage", "SuperSecretKeyWithoutStructure"), Profile.APP))
                .hasMessageContaining("AzureWebJobsStorage: is not a storage connection string")
                .hasMessageNotContaining("SuperSecret");
    }

    @Test
    void identityBasedStorageUsesTheCloudsTableEndpoint() {
        Settings s = Settings.from(Map.of("AzureWebJobsStorage__accountName", "triagestore01",
                "AZURE_CLOUD", "AzureUSGovernment"), Profile.APP);
        assertThat(s.storage()).contains(new StorageSettings.Identity(
                URI.create("https://triagestore01.table.core.usgovcloudapi.net"), java.util.Optional.empty()));

        assertThatThrownBy(() -> Settings.from(Map.of("AzureWebJobsStorage__accountName", "Bad_Name"), Profile.APP))
                .hasMessageContaining("AzureWebJobsStorage__accountName: is not a storage account name");
    }

    @Test
    void toStringHidesSecrets() {
        Map<String, String> env = minimal();
        env.put("TEAMS_WEBHOOK_URL", TEAMS);
        String text = Settings.from(env, Profile.APP).toString();
        assertThat(text).doesNotContain("SECRETSIG").doesNotContain("AccountKey").contains("teamsWebhooks=1");
    }

    @Test
    void theIngestionAllowanceReachesTheLiveSourcesOptions() {
        Map<String, String> env = minimal();
        env.put("TRIAGE_INGESTION_ALLOWANCE", "PT7M");
        Settings s = Settings.from(env, Profile.APP);
        assertThat(s.liveOptions().ingestionAllowance()).isEqualTo(Duration.ofMinutes(7));
        assertThat(s.windowPolicy().ingestionAllowance()).isEqualTo(Duration.ofMinutes(7));
        env.put("TRIAGE_INGESTION_ALLOWANCE", "PT31M");
        assertThatThrownBy(() -> Settings.from(env, Profile.APP))
                .hasMessageContaining("TRIAGE_INGESTION_ALLOWANCE: must be between 0 seconds and 30 minutes, not "
                        + "31 minutes");
    }

    @Test
    void inAzureTheManagedIdentityIsDetected() {
        for (String marker : Settings.MANAGED_IDENTITY_MARKERS) {
            Map<String, String> env = minimal();
            env.put(marker, "http://localhost:8081/msi/token");
            assertThat(Settings.from(env, Profile.APP).liveOptions().credentialKind()).as(marker)
                    .isEqualTo(CredentialKind.MANAGED_IDENTITY);
        }
        Map<String, String> blank = minimal();
        blank.put("IDENTITY_ENDPOINT", " ");
        assertThat(Settings.from(blank, Profile.APP).credentialKind()).isEqualTo(CredentialKind.DEFAULT_AZURE_CREDENTIAL);
    }

    @Test
    void aTriageHubsEntryThatIsNotAHubIsNamedByPosition() {
        Map<String, String> env = minimal();
        env.put("TRIAGE_HUBS", HUB_A + ",contoso-hub");
        assertThatThrownBy(() -> Settings.from(env, Profile.APP))
                .hasMessageContaining("TRIAGE_HUBS: entry 2 is not an IoT hub resource id")
                .hasMessageNotContaining("contoso-hub");
        // the intake checks no hub list it cannot read (the worker refuses to run until it is fixed)
        Settings intake = Settings.from(env, Profile.INTAKE);
        assertThat(intake.triageHubs()).isEmpty();
        assertThat(intake.skipped()).singleElement().asString()
                .isEqualTo("TRIAGE_HUBS: entry 2 is not an IoT hub resource id");
    }

    @Test
    void malformedWindowSettingsAreSkippedAtTheIntakeWithTheirDefaultsButFailTheWorker() {
        Map<String, String> env = minimal();
        env.put("TRIAGE_BASELINE", "one day");
        env.put("TRIAGE_WINDOW_BEFORE", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/w/)");
        env.put("TRIAGE_WINDOW_AFTER", "PT10M");

        Settings intake = Settings.from(env, Profile.INTAKE);

        assertThat(intake.baseline()).isEqualTo(Duration.ofHours(24));
        assertThat(intake.windowBefore()).isEqualTo(Duration.ofMinutes(30));
        assertThat(intake.windowAfter()).as("a valid one is the deployment's").isEqualTo(Duration.ofMinutes(10));
        assertThat(intake.skipped()).extracting(SettingsException.Problem::setting)
                .containsExactly("TRIAGE_WINDOW_BEFORE", "TRIAGE_BASELINE");
        assertThatThrownBy(() -> Settings.from(env, Profile.APP))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.settingNames())
                        .containsExactly("TRIAGE_WINDOW_BEFORE", "TRIAGE_BASELINE"));
    }

    @Test
    void theFailurePathKeepsEachValidDestinationAndNeedsNoWorkerSetting() {
        String slack = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX";
        Map<String, String> env = minimal();
        env.put("TEAMS_WEBHOOK_URL", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/t/)," + TEAMS);
        env.put("SLACK_WEBHOOK_URL", slack);
        env.put("HEALTH_TIMEOUT", "abc");
        env.put("SUPPRESS_REPEAT_MINUTES", "x");
        env.put("LOG_ANALYTICS_WORKSPACE_ID", "not-a-guid");

        Settings failure = Settings.from(env, Profile.FAILURE);

        assertThat(failure.teamsWebhooks()).containsExactly(TEAMS);
        assertThat(failure.slackWebhooks()).containsExactly(slack);
        assertThat(failure.skipped()).singleElement().satisfies(p -> {
            assertThat(p.setting()).isEqualTo("TEAMS_WEBHOOK_URL");
            assertThat(p.problem()).startsWith("entry 1 of 2 ").doesNotContain("kv.vault");
        });
        assertThat(failure.storage()).isPresent();
        assertThatThrownBy(() -> Settings.from(env, Profile.APP)).isInstanceOf(SettingsException.class);
        env.put("AzureWebJobsStorage", "");
        assertThatThrownBy(() -> Settings.from(env, Profile.FAILURE))
                .hasMessageContaining("AzureWebJobsStorage: is not set");
    }

    @Test
    void theIntakeReadsOnlyItsOwnSettingsSoAWorkerMistakeNeverBlocksIt() {
        Map<String, String> env = minimal();
        env.put("TEAMS_WEBHOOK_URL", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/teams/)");
        env.put("LOGS_TIMEOUT", "soon");
        env.put("LOG_ANALYTICS_WORKSPACE_ID", "not-a-guid");
        env.put("ARM_ENDPOINT", "http://example.com");
        env.put("NOTIFY_ON_RESOLVED", "maybe");
        env.put("SUPPRESS_REPEAT_MINUTES", "-1");
        env.put("REPORT_LINKS", "perhaps");
        env.put("TRIAGE_WINDOW_AFTER", "PT10M");
        env.put("TRIAGE_HUBS", HUB_A);

        Settings intake = Settings.from(env, Profile.INTAKE);

        assertThat(intake.profile()).isEqualTo(Profile.INTAKE);
        assertThat(intake.windowAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(intake.triageHubs()).containsExactly(HubId.parse(HUB_A));
        assertThat(intake.storage()).isPresent();
        assertThat(intake.teamsWebhooks()).isEmpty();
        assertThatThrownBy(() -> Settings.from(env, Profile.APP))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.settingNames())
                        .containsExactlyInAnyOrder("TEAMS_WEBHOOK_URL", "LOGS_TIMEOUT", "LOG_ANALYTICS_WORKSPACE_ID",
                                "ARM_ENDPOINT", "NOTIFY_ON_RESOLVED", "SUPPRESS_REPEAT_MINUTES", "REPORT_LINKS"));
        env.put("AzureWebJobsStorage", "");
        assertThatThrownBy(() -> Settings.from(env, Profile.INTAKE)).hasMessageContaining("AzureWebJobsStorage: is not set");
    }

    @Test
    void theCliNeedsNoStorageAndReadsNoDeliveryOrWindowSettings() {
        Settings cli = Settings.from(Map.of("TEAMS_WEBHOOK_URL", "not a url", "TRIAGE_WINDOW_BEFORE", "forever",
                "TRIAGE_INGESTION_ALLOWANCE", "PT10M", "LOGS_TIMEOUT", "90s"), Profile.CLI);
        assertThat(cli.storage()).isEmpty();
        assertThat(cli.teamsWebhooks()).isEmpty();
        assertThat(cli.windowBefore()).isEqualTo(Duration.ofMinutes(30));
        assertThat(cli.liveOptions().ingestionAllowance()).isEqualTo(Duration.ofMinutes(2));
        assertThat(cli.liveOptions().logsTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void reportLinksAreOffByDefaultWithSevenDayLinks() {
        ReportLinkSettings s = Settings.from(identity(Map.of()), Profile.APP).reportLinks();
        assertThat(s.enabled()).isFalse();
        assertThat(s.validity()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void reportLinksOptInWithShorterLinksAndTheBlobEndpointOfTheSameAccount() {
        ReportLinkSettings s = Settings.from(identity(Map.of("REPORT_LINKS", "true", "REPORT_LINK_DAYS", "2")),
                Profile.APP).reportLinks();
        assertThat(s.enabled()).isTrue();
        assertThat(s.validity()).isEqualTo(Duration.ofDays(2));
        assertThat(s.blobService()).contains(URI.create("https://triagestore.blob.core.windows.net"));
        Map<String, String> china = identity(Map.of("REPORT_LINKS", "TRUE", "AZURE_CLOUD", "AzureChinaCloud"));
        china.put("AzureWebJobsStorage__tableServiceUri", "https://acct.table.core.chinacloudapi.cn");
        assertThat(Settings.from(china, Profile.APP).reportLinks().blobService())
                .contains(URI.create("https://acct.blob.core.chinacloudapi.cn"));
        Map<String, String> keyed = minimal();
        keyed.put("REPORT_LINKS", "true");
        assertThat(Settings.from(keyed, Profile.APP).reportLinks().blobService()).isEmpty();
    }

    @Test
    void badReportLinkValuesAreNamedTogether() {
        assertThatThrownBy(() -> Settings.from(identity(Map.of("REPORT_LINKS", "yes", "REPORT_LINK_DAYS", "30")),
                Profile.APP))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .extracting(SettingsException.Problem::setting)
                        .containsExactly("REPORT_LINKS", "REPORT_LINK_DAYS"))
                .hasMessageContaining("from 1 to 7");
        assertThatThrownBy(() -> Settings.from(identity(Map.of("REPORT_LINK_DAYS", "0")), Profile.APP))
                .hasMessageContaining("REPORT_LINK_DAYS");
        assertThatThrownBy(() -> Settings.from(identity(Map.of("REPORT_LINKS", "true",
                "AzureWebJobsStorage__blobServiceUri", "http://plain.example")), Profile.APP))
                .hasMessageContaining("AzureWebJobsStorage__blobServiceUri");
        assertThat(Settings.from(identity(Map.of("REPORT_LINKS", "yes")), Profile.INTAKE).reportLinks())
                .as("the intake does not read them").isEqualTo(ReportLinkSettings.disabled());
    }

    private static Map<String, String> identity(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("AzureWebJobsStorage__accountName", "triagestore");
        return env;
    }
}
