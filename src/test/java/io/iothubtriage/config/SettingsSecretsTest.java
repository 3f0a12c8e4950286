package io.iothubtriage.config;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No problem text of the settings reader repeats a secret: every setting that can hold a URL or a connection
 * string, given a value with user info, a query string or a key, in every profile, fails (or is skipped) with a
 * line that names the setting but none of the secret parts.
 */
class SettingsSecretsTest {
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    /** Each value is malformed for every setting below (http to a non-loopback host, or not a URL at all). */
    private static final List<String> VALUES = List.of(
            "http://user:pa55word@la.example.com/v1?code=SECRETcode",
            "http://acct.table.core.windows.net/?sv=2022-11-02&ss=t&sig=TOPSECRETSIG",
            "ftp://admin:pa55word@host.example.com/x#SECRETcode",
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + KEY,
            "SharedAccessSignature=sv=2022&sig=TOPSECRETSIG",
            KEY);
    private static final List<String> SECRETS = List.of("pa55word", "SECRETcode", "TOPSECRETSIG", KEY,
            KEY.substring(0, 30));
    private static final List<String> SETTINGS = List.of(Settings.TEAMS_WEBHOOK_URL, Settings.SLACK_WEBHOOK_URL,
            Settings.GENERIC_WEBHOOK_URL, Settings.ARM_ENDPOINT, Settings.LOG_ANALYTICS_ENDPOINT,
            Settings.AZURE_AUTHORITY_HOST, Settings.LOG_ANALYTICS_WORKSPACE_ID, Settings.AZURE_CLIENT_ID,
            Settings.AZURE_CLOUD, Settings.STORAGE, Settings.STORAGE_ACCOUNT_NAME, Settings.STORAGE_TABLE_SERVICE_URI,
            Settings.STORAGE_BLOB_SERVICE_URI, Settings.STORAGE_CLIENT_ID, Settings.TRIAGE_HUBS,
            Settings.TRIAGE_WINDOW_BEFORE, Settings.LOGS_TIMEOUT, Settings.REPORT_LINK_DAYS);

    @Test
    void noSettingsProblemEverRepeatsUserInfoAQueryStringOrAKey() {
        List<String> checked = new ArrayList<>();
        for (Profile profile : Profile.values()) {
            for (String setting : SETTINGS) {
                for (String value : VALUES) {
                    Map<String, String> env = new HashMap<>();
                    if (!setting.startsWith("AzureWebJobsStorage")) {
                        env.put(Settings.STORAGE, "UseDevelopmentStorage=true");
                    }
                    if (setting.equals(Settings.STORAGE_BLOB_SERVICE_URI)) {
                        env.put(Settings.STORAGE_ACCOUNT_NAME, "acct");
                    }
                    env.put(setting, value);
                    String said = said(env, profile);
                    for (String secret : SECRETS) {
                        assertThat(said).as("%s=%s read by %s", setting, value, profile).doesNotContain(secret);
                    }
                    if (said.contains(setting)) {
                        checked.add(profile + " " + setting);
                    }
                }
            }
        }
        // the URL settings are checked (and so complained about) in every profile that reads them
        assertThat(checked).contains("APP " + Settings.LOG_ANALYTICS_ENDPOINT, "CLI " + Settings.LOG_ANALYTICS_ENDPOINT,
                "APP " + Settings.STORAGE_TABLE_SERVICE_URI, "INTAKE " + Settings.STORAGE_TABLE_SERVICE_URI,
                "FAILURE " + Settings.TEAMS_WEBHOOK_URL, "APP " + Settings.STORAGE_ACCOUNT_NAME,
                "CLI " + Settings.ARM_ENDPOINT, "APP " + Settings.AZURE_AUTHORITY_HOST);
    }

    @Test
    void theEndpointsTheReviewFoundAreNamedWithoutTheirSecrets() {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.LOG_ANALYTICS_ENDPOINT, "http://user:pa55word@la.example.com/v1?code=SECRETcode");
        env.put(Settings.STORAGE_TABLE_SERVICE_URI, "http://acct.table.core.windows.net/?sv=2022-11-02&sig=TOPSECRETSIG");
        String said = said(env, Profile.APP);
        assertThat(said).contains("LOG_ANALYTICS_ENDPOINT: must use https", "la.example.com/v1",
                "AzureWebJobsStorage__tableServiceUri: must use https", "acct.table.core.windows.net")
                .doesNotContain("pa55word", "user:", "SECRETcode", "TOPSECRETSIG", "sv=2022");
    }

    /** Everything the reader says about these settings: its failure, or what it skipped. */
    private static String said(Map<String, String> env, Profile profile) {
        try {
            Settings s = Settings.from(env, profile);
            return s.skipped().toString();
        } catch (SettingsException e) {
            return e.getMessage() + e.problems();
        }
    }
}
