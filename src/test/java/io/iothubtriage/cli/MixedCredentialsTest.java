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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 30 devices signing with X.509 and 20 with device keys, all refused with 401002 at one site: the certificate step
 * counts the 30, and the catalog's key-and-token advice stays for the 20.
 */
class MixedCredentialsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void eachCredentialsStepCountsItsOwnDevices(Format format) throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < 50; d++) {
            String auth = d < 30 ? "device/x509_ca" : "device/sas";
            String device = "valve-" + d;
            for (Instant t = SmallExport.at("10:21:00").plusSeconds(d); t.isBefore(SmallExport.at("10:48:00"));
                 t = t.plusSeconds(60)) {
                rows.add(new ConnectionLogRow(t, "deviceConnect", "Error", "401002", "IotHubUnauthorizedAccess", device,
                        "Mqtt", auth, "203.0.113.XXX", "azure-iot-sdk-c/1.13.0", "401", "IotHubUnauthorizedAccess"));
            }
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        JsonNode r = SmallExport.triage(dir, format, rows, Options.realistic());

        List<String> steps = SmallExport.texts(r.path("actions"));
        assertThat(steps.get(0)).startsWith("Check the X.509 certificates of the 30 devices authenticating with"
                + " device/x509_ca");
        assertThat(steps).anyMatch(s -> s.startsWith("401002 IotHubUnauthorizedAccess: "));
    }
}
