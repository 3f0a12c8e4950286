package io.iothubtriage.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The Azure clouds the app runs in, with the endpoints each uses. {@code AZURE_CLOUD} picks one; the endpoint
 * settings override single endpoints (sovereign clouds, private links, tests against local fakes).
 */
public enum AzureCloud {
    AZURE_CLOUD("AzureCloud", "https://management.azure.com", "https://api.loganalytics.io/v1",
            "https://login.microsoftonline.com", "core.windows.net"),
    AZURE_CHINA_CLOUD("AzureChinaCloud", "https://management.chinacloudapi.cn", "https://api.loganalytics.azure.cn/v1",
            "https://login.chinacloudapi.cn", "core.chinacloudapi.cn"),
    AZURE_US_GOVERNMENT("AzureUSGovernment", "https://management.usgovcloudapi.net", "https://api.loganalytics.us/v1",
            "https://login.microsoftonline.us", "core.usgovcloudapi.net");

    private final String settingValue;
    private final URI armEndpoint;
    private final URI logAnalyticsEndpoint;
    private final URI authorityHost;
    private final String storageSuffix;

    AzureCloud(String settingValue, String arm, String logAnalytics, String authority, String storageSuffix) {
        this.settingValue = settingValue;
        this.armEndpoint = URI.create(arm);
        this.logAnalyticsEndpoint = URI.create(logAnalytics);
        this.authorityHost = URI.create(authority);
        this.storageSuffix = storageSuffix;
    }

    /** The value of {@code AZURE_CLOUD} that selects this cloud, e.g. {@code AzureChinaCloud}. */
    public String settingValue() {
        return settingValue;
    }

    public URI armEndpoint() {
        return armEndpoint;
    }

    /** Log Analytics query endpoint, including {@code /v1} as azure-monitor-query expects. */
    public URI logAnalyticsEndpoint() {
        return logAnalyticsEndpoint;
    }

    public URI authorityHost() {
        return authorityHost;
    }

    /** DNS suffix of storage endpoints: a table endpoint is {@code https://{account}.table.{suffix}}. */
    public String storageSuffix() {
        return storageSuffix;
    }

    /** The cloud named by a setting value, ignoring case. */
    public static Optional<AzureCloud> fromSetting(String value) {
        for (AzureCloud c : values()) {
            if (c.settingValue.toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
