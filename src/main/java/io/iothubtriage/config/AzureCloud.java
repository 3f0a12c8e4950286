package io.iothubtriage.config;

import io.iothubtriage.evidence.azure.AzureEndpoints;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Azure clouds the app runs in, with their default endpoints. {@code AZURE_CLOUD} picks one; any endpoint can
 * be overridden (see {@link AzureEndpoints#withOverrides}) for sovereign clouds, private links and local fakes.
 * A settings value: the settings reader turns it into endpoints, and the live sources only ever see those.
 */
public enum AzureCloud {
    AZURE_CLOUD("AzureCloud", "https://management.azure.com", "https://api.loganalytics.io/v1",
            "https://login.microsoftonline.com", "core.windows.net"),
    AZURE_CHINA_CLOUD("AzureChinaCloud", "https://management.chinacloudapi.cn", "https://api.loganalytics.azure.cn/v1",
            "https://login.chinacloudapi.cn", "core.chinacloudapi.cn"),
    AZURE_US_GOVERNMENT("AzureUSGovernment", "https://management.usgovcloudapi.net", "https://api.loganalytics.us/v1",
            "https://login.microsoftonline.us", "core.usgovcloudapi.net");

    private final String settingName;
    private final AzureEndpoints endpoints;
    private final String storageSuffix;

    AzureCloud(String settingName, String arm, String logAnalytics, String authority, String storageSuffix) {
        this.settingName = settingName;
        this.endpoints = new AzureEndpoints(URI.create(arm), URI.create(logAnalytics), URI.create(authority));
        this.storageSuffix = storageSuffix;
    }

    /** The name used by the AZURE_CLOUD setting and the Azure CLI, e.g. "AzureChinaCloud". */
    public String settingName() {
        return settingName;
    }

    public AzureEndpoints endpoints() {
        return endpoints;
    }

    /** DNS suffix of storage endpoints: a table endpoint is {@code https://{account}.table.{suffix}}. */
    public String storageSuffix() {
        return storageSuffix;
    }

    /** The cloud of an AZURE_CLOUD value, ignoring case and surrounding blanks; empty when none matches. */
    public static Optional<AzureCloud> fromSetting(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (AzureCloud cloud : values()) {
            if (cloud.settingName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(cloud);
            }
        }
        return Optional.empty();
    }

    /**
     * The cloud of an AZURE_CLOUD value (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static AzureCloud fromName(String name) {
        return fromSetting(name == null ? "" : name).orElseThrow(() -> new IllegalArgumentException(
                "unknown cloud '" + name + "' (expected one of "
                        + Arrays.stream(values()).map(AzureCloud::settingName).collect(Collectors.joining(", ")) + ")"));
    }
}
