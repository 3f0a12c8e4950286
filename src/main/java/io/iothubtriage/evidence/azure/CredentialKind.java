package io.iothubtriage.evidence.azure;

import java.util.function.Function;

/** Which credential the live sources sign in with. */
public enum CredentialKind {
    /** ManagedIdentityCredential: the Function App's system-assigned identity, or a user-assigned one by client id. */
    MANAGED_IDENTITY,
    /** DefaultAzureCredential: environment, workload identity, Azure CLI, ... for a developer's machine. */
    DEFAULT_AZURE_CREDENTIAL;

    /**
     * Managed identity when the process runs in Azure (App Service / Functions set IDENTITY_ENDPOINT or
     * MSI_ENDPOINT, and WEBSITE_INSTANCE_ID), the developer chain otherwise. DefaultAzureCredential would also
     * find the managed identity, but only after trying several other credentials first.
     */
    public static CredentialKind detect(Function<String, String> environment) {
        for (String name : new String[] {"IDENTITY_ENDPOINT", "MSI_ENDPOINT", "WEBSITE_INSTANCE_ID"}) {
            String value = environment.apply(name);
            if (value != null && !value.isBlank()) {
                return MANAGED_IDENTITY;
            }
        }
        return DEFAULT_AZURE_CREDENTIAL;
    }
}
