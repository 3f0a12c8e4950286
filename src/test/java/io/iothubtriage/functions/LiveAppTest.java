package io.iothubtriage.functions;

import io.iothubtriage.config.Settings;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.functions.testing.Alerts;
import io.iothubtriage.functions.testing.FakeContext;
import io.iothubtriage.functions.testing.FakeHttpRequest;
import io.iothubtriage.functions.testing.FakeOutput;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The app as built for Azure: every setting checked at start-up, nothing contacted until a triage runs. */
class LiveAppTest {
    private static Map<String, String> azureLike() {
        Map<String, String> env = new HashMap<>();
        env.put("AzureWebJobsStorage__accountName", "sttriage01");
        env.put("TEAMS_WEBHOOK_URL", "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths"
                + "/invoke?api-version=2016-06-01&sig=SECRET");
        env.put("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/SECRET");
        env.put("LOG_ANALYTICS_WORKSPACE_ID", "0b5a9a0e-1111-2222-3333-444455556666");
        env.put("TRIAGE_HUBS", Alerts.HUB);
        env.put("AZURE_CLOUD", "AzureCloud");
        return env;
    }

    @Test
    void readsAzureStyleSettingsAndBuildsItsQueuesWithoutContactingAnything() {
        LiveApp live = new LiveApp(azureLike());
        Settings intake = live.intakeSettings();
        assertThat(live.settings().teamsWebhooks()).hasSize(1);
        assertThat(live.queue(intake, Names.QUEUE).name()).isEqualTo("triage-requests");
        assertThat(live.queue(intake, Names.POISON_QUEUE).name()).isEqualTo("triage-requests-poison");
        assertThat(intake.ingestionAllowance()).isEqualTo(java.time.Duration.ofMinutes(2));
    }

    @Test
    void aBrokenWorkerSettingLeavesTheIntakesSettingsReadable() {
        Map<String, String> env = azureLike();
        env.put("TEAMS_WEBHOOK_URL", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/teams/)");
        env.put("LOGS_TIMEOUT", "soon");
        LiveApp live = new LiveApp(env);
        assertThat(live.intakeSettings().triageHubs()).hasSize(1);
        assertThatThrownBy(live::settings).isInstanceOf(SettingsException.class);
    }

    @Test
    void aWebhookOfTheWrongKindFailsStartUpNamingTheSettingNotTheUrl() {
        Map<String, String> env = azureLike();
        env.put("TEAMS_WEBHOOK_URL", "https://example.com/hook?sig=SECRET");
        assertThatThrownBy(() -> new LiveApp(env).settings())
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("TEAMS_WEBHOOK_URL[1]")
                .hasMessageNotContaining("SECRET").hasMessageNotContaining("/hook");
    }

    @Test
    void aMalformedTriageHubsEntryFailsStartUpNamingTheSetting() {
        Map<String, String> env = azureLike();
        env.put("TRIAGE_HUBS", Alerts.HUB + ",contoso-hub");
        assertThatThrownBy(() -> new LiveApp(env).settings())
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("TRIAGE_HUBS: entry 2").hasMessageNotContaining("contoso-hub");
    }

    @Test
    void theDeliveryPolicyFitsTheWorstCaseTheQueueTimingAssumes() {
        java.time.Duration worst = LiveApp.DELIVERY_REQUEST_TIMEOUT.multipliedBy(LiveApp.DELIVERY_ATTEMPTS)
                .plus(LiveApp.DELIVERY_MAX_WAIT.multipliedBy(LiveApp.DELIVERY_ATTEMPTS - 1));
        assertThat(worst).isLessThanOrEqualTo(App.DELIVERY_WORST_CASE);
    }
}
