package io.iothubtriage.cli;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.config.AzureCloud;
import io.iothubtriage.evidence.azure.CredentialKind;
import io.iothubtriage.evidence.azure.LiveOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live options of the CLI: the environment read by the settings reader's CLI profile, options on top. */
class LiveConfigTest {

    static LiveOptions read(Map<String, String> env, String... args) throws Exception {
        List<String> line = new java.util.ArrayList<>(List.of("doctor"));
        line.addAll(List.of(args));
        return LiveConfig.options(env, CommandLine.parse(line, Set.of("workspace"), Set.of(), Set.of()));
    }

    @Test
    void defaultsArePublicCloudResourceCentricAndTheDeveloperCredential() throws Exception {
        LiveOptions options = read(Map.of());

        assertThat(options.endpoints()).isEqualTo(AzureCloud.AZURE_CLOUD.endpoints());
        assertThat(options.endpoints().resourceManager()).isEqualTo(URI.create("https://management.azure.com"));
        assertThat(options.endpoints().logAnalytics()).isEqualTo(URI.create("https://api.loganalytics.io/v1"));
        assertThat(options.endpoints().resourceManagerScope()).isEqualTo("https://management.azure.com/.default");
        assertThat(options.endpoints().logAnalyticsScope()).isEqualTo("https://api.loganalytics.io/.default");
        assertThat(options.workspaceId()).isEmpty();
        assertThat(options.logsTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.healthTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.metricsTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.credentialKind()).isEqualTo(CredentialKind.DEFAULT_AZURE_CREDENTIAL);
        assertThat(options.clientId()).isEmpty();
        assertThat(options.ingestionAllowance()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void inAzureTheManagedIdentityIsUsed() throws Exception {
        LiveOptions options = read(Map.of("IDENTITY_ENDPOINT", "http://localhost:8081/msi/token",
                "AZURE_CLIENT_ID", "7b3c9f0e-1111-4222-8333-944455556666"));

        assertThat(options.credentialKind()).isEqualTo(CredentialKind.MANAGED_IDENTITY);
        assertThat(options.clientId()).contains("7b3c9f0e-1111-4222-8333-944455556666");
        assertThat(read(Map.of("WEBSITE_INSTANCE_ID", "abc")).credentialKind()).isEqualTo(CredentialKind.MANAGED_IDENTITY);
        assertThat(read(Map.of("MSI_ENDPOINT", "x")).credentialKind()).isEqualTo(CredentialKind.MANAGED_IDENTITY);
        assertThat(read(Map.of("IDENTITY_ENDPOINT", " ")).credentialKind())
                .isEqualTo(CredentialKind.DEFAULT_AZURE_CREDENTIAL);
    }

    @Test
    void sovereignCloudsHaveTheirOwnEndpoints() throws Exception {
        LiveOptions china = read(Map.of("AZURE_CLOUD", "azurechinacloud"));
        assertThat(china.endpoints().resourceManager()).isEqualTo(URI.create("https://management.chinacloudapi.cn"));
        assertThat(china.endpoints().logAnalytics()).isEqualTo(URI.create("https://api.loganalytics.azure.cn/v1"));
        assertThat(china.endpoints().authorityHost()).isEqualTo(URI.create("https://login.chinacloudapi.cn"));
        assertThat(china.endpoints().logAnalyticsScope()).isEqualTo("https://api.loganalytics.azure.cn/.default");

        LiveOptions gov = read(Map.of("AZURE_CLOUD", "AzureUSGovernment"));
        assertThat(gov.endpoints().resourceManagerScope()).isEqualTo("https://management.usgovcloudapi.net/.default");
        assertThat(gov.endpoints().logAnalytics()).isEqualTo(URI.create("https://api.loganalytics.us/v1"));
        assertThat(gov.endpoints().authorityHost()).isEqualTo(URI.create("https://login.microsoftonline.us"));
    }

    @Test
    void explicitEndpointsOverrideTheCloud() throws Exception {
        LiveOptions options = read(Map.of("AZURE_CLOUD", "AzureUSGovernment",
                "ARM_ENDPOINT", "https://arm.contoso.example/",
                "LOG_ANALYTICS_ENDPOINT", "https://la.contoso.example/v1",
                "AZURE_AUTHORITY_HOST", "https://login.contoso.example",
                "LOG_ANALYTICS_WORKSPACE_ID", " 63613592-B6F7-4c3d-a390-22ba13102111 ",
                "LOGS_TIMEOUT", "PT90S", "HEALTH_TIMEOUT", "5s", "METRICS_TIMEOUT", "PT7S"));

        assertThat(options.endpoints().resourceManager()).isEqualTo(URI.create("https://arm.contoso.example"));
        assertThat(options.endpoints().logAnalytics()).isEqualTo(URI.create("https://la.contoso.example/v1"));
        assertThat(options.endpoints().authorityHost()).isEqualTo(URI.create("https://login.contoso.example"));
        assertThat(options.workspaceId()).contains("63613592-B6F7-4c3d-a390-22ba13102111");
        assertThat(options.logsTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.healthTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.metricsTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void badSettingsAreNamedWithTheCliWording() {
        assertThatThrownBy(() -> read(Map.of("AZURE_CLOUD", "AzureGermanCloud"))).isInstanceOf(BadInputException.class)
                .hasMessage("AZURE_CLOUD: unknown cloud 'AzureGermanCloud' (expected one of AzureCloud, AzureChinaCloud,"
                        + " AzureUSGovernment)");
        assertThatThrownBy(() -> read(Map.of("ARM_ENDPOINT", "http://management.azure.com")))
                .hasMessage("ARM_ENDPOINT: must be an absolute https URL: http://management.azure.com");
        assertThatThrownBy(() -> read(Map.of("LOG_ANALYTICS_ENDPOINT", "https://api.loganalytics.io")))
                .hasMessageStartingWith("LOG_ANALYTICS_ENDPOINT: logAnalytics endpoint must end with /v1");
        assertThatThrownBy(() -> read(Map.of("LOG_ANALYTICS_WORKSPACE_ID",
                "/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws")))
                .hasMessageStartingWith("LOG_ANALYTICS_WORKSPACE_ID: workspace id must be the workspace GUID");
        assertThatThrownBy(() -> read(Map.of("LOGS_TIMEOUT", "60")))
                .hasMessage("LOGS_TIMEOUT: is not a duration such as PT1H, 90m, 6h, 2d or 1h30m: '60'");
        assertThatThrownBy(() -> read(Map.of("HEALTH_TIMEOUT", "PT0S")))
                .hasMessage("HEALTH_TIMEOUT: must be between 1 second and 10 minutes, not 0 seconds");
        assertThatThrownBy(() -> read(Map.of("LOGS_TIMEOUT", "PT11M")))
                .hasMessage("LOGS_TIMEOUT: must be between 1 second and 10 minutes, not 11 minutes");
        assertThatThrownBy(() -> read(Map.of("HEALTH_TIMEOUT", "10h")))
                .hasMessage("HEALTH_TIMEOUT: must be between 1 second and 10 minutes, not 10 hours");
        assertThatThrownBy(() -> read(Map.of("METRICS_TIMEOUT", "2d")))
                .hasMessage("METRICS_TIMEOUT: must be between 1 second and 10 minutes, not 2 days");
    }

    @Test
    void everyBadSettingIsSaidInTheOneLine() {
        assertThatThrownBy(() -> read(Map.of("AZURE_CLOUD", "Mars", "LOGS_TIMEOUT", "soon")))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.where()).isEqualTo("LOGS_TIMEOUT");
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .contains("AZURE_CLOUD: unknown cloud 'Mars'").contains("'soon'");
                });
    }

    @Test
    void theWorkspaceOptionOverridesTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("LOG_ANALYTICS_WORKSPACE_ID", "0b5a9a0e-1111-2222-3333-444455556666");
        assertThat(read(env).workspaceId()).contains("0b5a9a0e-1111-2222-3333-444455556666");
        assertThat(read(env, "--workspace", "63613592-b6f7-4c3d-a390-22ba13102111").workspaceId())
                .contains("63613592-b6f7-4c3d-a390-22ba13102111");
        assertThatThrownBy(() -> read(env, "--workspace", "my-workspace"))
                .hasMessageStartingWith("--workspace: workspace id must be the workspace GUID");
    }
}
