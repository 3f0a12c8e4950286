package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import io.iothubtriage.diagnosis.ReportFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.cli.SmallExport.at;
import static io.iothubtriage.cli.SmallExport.row;
import static io.iothubtriage.cli.SmallExport.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-aside finding says what each count of other categories counts: the rows of each category, its count before
 * its name, never a count after a list that reads as the whole list's. On the three export formats.
 */
class OtherCategoriesCountWordsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void eachCategoryCountStandsBeforeItsName(Format f) throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String id = String.format("sensor-%03d", i);
            rows.add(row(at("10:12:00").plusSeconds(i), "deviceConnect", "", id, "192.0.2.XXX"));
            rows.add(row(at("10:45:00").plusSeconds(i / 2), "deviceConnect", "", id, "192.0.2.XXX"));
        }
        Path file = dir.resolve("export-" + f + (f == Format.PORTAL_CSV ? ".csv" : ".json"));
        long routes = ExportWriter.write(file, f, rows, Options.realistic().otherCategoryEvery(4)
                .hub(SmallExport.HUB)).otherCategoryRows();
        TriageCommandTest.Run r = TriageCommandTest.cli("triage", "--hub", SmallExport.HUB.resourceId(), "--from",
                SmallExport.FROM, "--to", SmallExport.TO, "--logs", file.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();

        String n = ReportFormat.count(routes);
        assertThat(routes).isEqualTo(40);
        assertThat(texts(new ObjectMapper().readTree(r.out()).path("findings"))).anySatisfy(s -> assertThat(s)
                .startsWith("Set aside before the rules ran: " + n + " rows of other categories (" + n + " Routes); "));
    }
}
