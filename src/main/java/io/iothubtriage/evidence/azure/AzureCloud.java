package io.iothubtriage.evidence.azure;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The Azure clouds the live sources can talk to, with their default endpoints. Any endpoint can be overridden
 * (see {@link AzureEndpoints#withOverrides}).
 */
public enum AzureCloud {
    AZURE_CLOUD("AzureCloud", "https://management.azure.com", "https://api.loganalytics.io/v1",
            "https://login.microsoftonline.com"),
    AZURE_CHINA_CLOUD("AzureChinaCloud", "https://management.chinacloudapi.cn", "https://api.loganalytics.azure.cn/v1",
            "https://login.chinacloudapi.cn"),
    AZURE_US_GOVERNMENT("AzureUSGovernment", "https://management.usgovcloudapi.net", "https://api.loganalytics.us/v1",
            "https://login.microsoftonline.us");

    private final String settingName;
    private final AzureEndpoints endpoints;

    AzureCloud(String settingName, String arm, String logAnalytics, String authority) {
        this.settingName = settingName;
        this.endpoints = new AzureEndpoints(URI.create(arm), URI.create(logAnalytics), URI.create(authority));
    }

    /** The name used by the AZURE_CLOUD setting and the Azure CLI, e.g. "AzureChinaCloud". */
    public String settingName() {
        return settingName;
    }

    public AzureEndpoints endpoints() {
        return endpoints;
    }

    /**
     * The cloud of an AZURE_CLOUD value (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static AzureCloud fromName(String name) {
        for (AzureCloud cloud : values()) {
            if (cloud.settingName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return cloud;
            }
        }
        throw new IllegalArgumentException("unknown cloud '" + name + "' (expected one of "
                + Arrays.stream(values()).map(AzureCloud::settingName).collect(Collectors.joining(", ")) + ")");
    }
}
