package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.cli.SmallExport.at;
import static io.iothubtriage.cli.SmallExport.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A code the catalog does not know takes its family from its number, and only words true of the whole family; when
 * its logged name points elsewhere (a certificate chain under a 401), the next steps follow the name and give no SAS
 * token or key advice. On the three export formats.
 */
class UncataloguedCodeWordsTest {

    @TempDir
    Path dir;

    private static ConnectionLogRow row(Instant t, String op, String code, String name, String message,
                                        String device, String site) {
        boolean error = !code.isEmpty();
        return new ConnectionLogRow(t, op, error ? "Error" : "Information", code, error ? name : "", device, "Mqtt",
                "device/sas", site, "azure-iot-sdk-c/1.13.0", error ? code.substring(0, 3) : "", error ? message : "");
    }

    /**
     * 60 devices of one site stay connected; 30 of another site connect at 10:12, and from 10:30 every reconnect of
     * theirs is refused with {@code code} logged as {@code name}.
     */
    private static List<ConnectionLogRow> rows(String code, String name, String message) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = String.format("steady-%03d", i);
            rows.add(row(at("10:12:00").plusSeconds(i), "deviceConnect", "", "", "", id, "192.0.2.XXX"));
            rows.add(row(at("10:45:00").plusSeconds(i / 2), "deviceConnect", "", "", "", id, "192.0.2.XXX"));
        }
        for (int i = 0; i < 30; i++) {
            String id = String.format("refused-%03d", i);
            rows.add(row(at("10:12:30").plusSeconds(i), "deviceConnect", "", "", "", id, "198.51.100.XXX"));
            for (int m = 0; m < 14; m++) {
                rows.add(row(at("10:30:00").plusSeconds(60L * m + i), "deviceConnect", code, name, message, id,
                        "198.51.100.XXX"));
            }
        }
        return rows;
    }

    private JsonNode triage(Format f, String code, String name) throws IOException {
        return triage(f, code, name, name);
    }

    private JsonNode triage(Format f, String code, String name, String message) throws IOException {
        return SmallExport.triage(dir, f, rows(code, name, message), Options.realistic());
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aCertificateChainNameUnderA401GetsCertificateStepsNotSasAdvice(Format f) throws IOException {
        JsonNode r = triage(f, "401099", "IotHubCertificateChainUntrusted");

        assertThat(r.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(texts(r.path("findings"))).contains("401099 IotHubCertificateChainUntrusted is not in the error "
                + "catalog: it counts with the authentication errors for its number (401xxx), and its logged name "
                + "points at a certificate chain, so the next steps are about certificates, not tokens.");
        List<String> actions = texts(r.path("actions"));
        assertThat(actions.get(0)).isEqualTo("401099 IotHubCertificateChainUntrusted is not in the error catalog, "
                + "and its logged name points at a certificate chain: the logs show the 30 devices authenticating "
                + "with device/sas, so check both the X.509 chain any of them presents (and the CA certificate "
                + "registered and verified on the hub) and any TLS-inspecting proxy or gateway between them and the "
                + "hub, which replaces the certificates on the way.");
        String all = String.join("\n", actions);
        assertThat(all).doesNotContain("keys were regenerated").doesNotContain("device SAS")
                .doesNotContain("invalidate tokens").doesNotContain("token lifetime");
        assertThat(all).contains("The failing devices sit behind 198.51.100.XXX: look there first for a "
                + "TLS-inspecting proxy or a changed gateway");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anUncataloguedCodeWithANameThatSaysNothingKeepsTheFamilysWords(Format f) throws IOException {
        JsonNode r = triage(f, "401098", "IotHubUnauthorizedNewVariant");

        assertThat(r.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(texts(r.path("findings"))).contains("401098 IotHubUnauthorizedNewVariant is not in the error "
                + "catalog: it counts with the authentication errors for its number (401xxx), so the next steps are "
                + "that family's usual causes to check, not causes known for this code.");
        assertThat(texts(r.path("actions"))).anySatisfy(a -> assertThat(a).startsWith("Find out whether their device "
                + "keys were regenerated, or the hub's device SAS switched off, around 10:30 UTC"));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aChainedTokenIsNoCertificateChain(Format f) throws IOException {
        JsonNode r = triage(f, "401097", "IotHubUnauthorizedChainedTokenRejected");

        assertThat(r.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        String findings = String.join("\n", texts(r.path("findings")));
        assertThat(findings).contains("401097 IotHubUnauthorizedChainedTokenRejected is not in the error catalog: it "
                + "counts with the authentication errors for its number (401xxx), so the next steps are that "
                + "family's usual causes to check, not causes known for this code.").doesNotContain("certificate");
        String actions = String.join("\n", texts(r.path("actions")));
        assertThat(actions).doesNotContain("X.509 chain").doesNotContain("points at")
                .contains("Find out whether their device keys were regenerated, or the hub's device SAS switched off");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anX509NameWithItsDotPointsAtCertificates(Format f) throws IOException {
        JsonNode r = triage(f, "401096", "X.509ClientAuthFailed");

        assertThat(texts(r.path("findings"))).contains("401096 X.509ClientAuthFailed is not in the error catalog: it "
                + "counts with the authentication errors for its number (401xxx), and its logged name points at "
                + "certificates, so the next steps are about certificates, not tokens.");
        List<String> actions = texts(r.path("actions"));
        assertThat(actions.get(0)).startsWith("401096 X.509ClientAuthFailed is not in the error catalog, and its "
                + "logged name points at certificates: the logs show the 30 devices authenticating with device/sas, "
                + "so check both the X.509 chain");
        assertThat(String.join("\n", actions)).doesNotContain("keys were regenerated").doesNotContain("token");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void withoutAResultDescriptionTheErrorMessageIsTheName(Format f) throws IOException {
        JsonNode r = triage(f, "401095", "", "DeviceCertificateChainUntrusted");

        assertThat(texts(r.path("findings"))).contains("401095 DeviceCertificateChainUntrusted is not in the error "
                + "catalog: it counts with the authentication errors for its number (401xxx), and its logged name "
                + "points at a certificate chain, so the next steps are about certificates, not tokens.");
        assertThat(texts(r.path("actions")).get(0)).startsWith("401095 DeviceCertificateChainUntrusted is not in the "
                + "error catalog, and its logged name points at a certificate chain: ");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aCertificateNameOutsideAuthenticationIsNoCertificateChain(Format f) throws IOException {
        JsonNode r = triage(f, "503099", "CertificateRotationInProgress");

        assertThat(texts(r.path("findings"))).contains("503099 CertificateRotationInProgress is not in the error "
                + "catalog: it counts with the transient hub errors for its number (503xxx), and its logged "
                + "name points at certificates.");
        String all = String.join("\n", texts(r.path("findings"))) + String.join("\n", texts(r.path("actions")));
        assertThat(all).doesNotContain("certificate chain").doesNotContain("X.509 chain");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anUncataloguedCodeOfNoFamilyIsSaidToBeUnknownInItsStep(Format f) throws IOException {
        JsonNode r = triage(f, "404199", "DeviceSessionExpiredOnGateway");

        assertThat(r.path("verdict").asText()).isEqualTo("MIXED");
        assertThat(texts(r.path("actions")).get(0)).isEqualTo("Group of 30 (100 %) with 404199 "
                + "DeviceSessionExpiredOnGateway, a code the error catalog does not know: look it up in IoT Hub's "
                + "error-code reference and read its rows in the logs link.");
    }
}
