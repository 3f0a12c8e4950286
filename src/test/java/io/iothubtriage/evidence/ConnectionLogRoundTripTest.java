package io.iothubtriage.evidence;

import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.CsvTimeStyle;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import io.iothubtriage.testing.SyntheticRows;
import io.iothubtriage.testing.SyntheticRows.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows written in each export format, exactly as the tools write them, read back equal. */
class ConnectionLogRoundTripTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Format f : Format.values()) {
            cases.add(Arguments.of(f, "plain", Options.plain()));
            cases.add(Arguments.of(f, "realistic", Options.realistic()));
            cases.add(Arguments.of(f, "reversed columns", Options.realistic().reverseColumns(true)));
            cases.add(Arguments.of(f, "properties as object", Options.realistic().propertiesAsObject(true)));
            cases.add(Arguments.of(f, "every row of another category", Options.plain().otherCategoryEvery(1)));
            if (f != Format.RESOURCE_LOG_RECORDS && f != Format.RESOURCE_LOG_LINES) {
                cases.add(Arguments.of(f, "projected columns", Options.plain().projected(true)));
                cases.add(Arguments.of(f, "multi-line cells", Options.realistic().multilineCells(true)));
            }
        }
        cases.add(Arguments.of(Format.PORTAL_CSV, "ISO times, no BOM",
                Options.realistic().csvTimeStyle(CsvTimeStyle.ISO).byteOrderMark(false)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void rowsSurviveTheRoundTrip(Format format, String label, Options options) throws Exception {
        Spec spec = SyntheticRows.Spec.of(2_000).devices(150);
        for (boolean newestFirst : new boolean[]{false, true}) {
            Spec s = spec.newestFirst(newestFirst);
            Path file = dir.resolve("export-" + newestFirst);
            ExportWriter.Written written = ExportWriter.write(file, format, SyntheticRows.rows(s), options);

            Read read = Read.of(file);

            List<ConnectionLogRow> expected = new ArrayList<>();
            SyntheticRows.rows(s).forEach(expected::add);
            assertThat(read.rows()).containsExactlyElementsOf(expected);
            assertThat(read.stats().format()).isEqualTo(expectedFormat(format));
            assertThat(read.stats().accepted()).isEqualTo(written.connectionRows()).isEqualTo(2_000);
            assertThat(read.stats().skippedOtherCategories()).isEqualTo(written.otherCategoryRows());
            assertThat(read.stats().skippedWithoutDevice()).isZero();
            assertThat(read.stats().warnings()).isEmpty();
        }
    }

    @Test
    void theMixIsReallyMessy() throws Exception {
        // Guards the round trip above against testing easy data only.
        Spec spec = SyntheticRows.Spec.of(2_000).devices(150);
        List<ConnectionLogRow> rows = new ArrayList<>();
        SyntheticRows.rows(spec).forEach(rows::add);
        assertThat(rows).anyMatch(r -> r.time().getNano() == 0).anyMatch(r -> r.time().getNano() % 1_000_000 != 0);
        assertThat(rows).anyMatch(r -> r.authType().isEmpty()).anyMatch(r -> r.authType().equals("device/sas"));
        assertThat(rows).anyMatch(r -> r.sdkVersion().contains("\"") && r.sdkVersion().contains(","));
        assertThat(rows).anyMatch(r -> r.errorMessage().contains("\t"));
        assertThat(rows.stream().map(ConnectionLogRow::resultType).distinct())
                .contains("", "404104", "401003", "409002", "400027", "500001");
        Path csv = dir.resolve("x.csv");
        ExportWriter.write(csv, Format.PORTAL_CSV, rows, Options.realistic().multilineCells(true));
        String text = Files.readString(csv);
        assertThat(text).startsWith("\uFEFF").contains("TimeGenerated [UTC]").contains("\"\"deviceId\"\"")
                .contains(" AM\"").contains("second \"\"quoted\"\" line").contains("Routes").contains("\r\n");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void gzipCompressedExportsAreUnpacked(Format format) throws Exception {
        Spec spec = SyntheticRows.Spec.of(300);
        Path file = dir.resolve("export.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            ExportWriter.write(out, format, SyntheticRows.rows(spec), Options.realistic());
        }
        Read read = Read.of(file);
        assertThat(read.stats().accepted()).isEqualTo(300);
        assertThat(read.rows().get(0)).isEqualTo(SyntheticRows.row(spec, 0));
    }

    @Test
    void formatIsDetectedFromContentNotFromTheFileName() throws Exception {
        Spec spec = SyntheticRows.Spec.of(10);
        Path misnamed = dir.resolve("logs.csv");
        ExportWriter.write(misnamed, Format.LOG_ANALYTICS_RESPONSE, SyntheticRows.rows(spec), Options.plain());
        assertThat(Read.of(misnamed).stats().format()).isEqualTo(LogFormat.LOG_ANALYTICS_RESPONSE);
        Path alsoMisnamed = dir.resolve("logs.json");
        ExportWriter.write(alsoMisnamed, Format.PORTAL_CSV, SyntheticRows.rows(spec), Options.plain());
        assertThat(Read.of(alsoMisnamed).stats().format()).isEqualTo(LogFormat.PORTAL_CSV);
    }

    private static LogFormat expectedFormat(Format f) {
        return switch (f) {
            case LOG_ANALYTICS_RESPONSE -> LogFormat.LOG_ANALYTICS_RESPONSE;
            case CLI_JSON_ARRAY -> LogFormat.CLI_JSON_ARRAY;
            case PORTAL_CSV -> LogFormat.PORTAL_CSV;
            case RESOURCE_LOG_RECORDS -> LogFormat.RESOURCE_LOG_RECORDS;
            case RESOURCE_LOG_LINES -> LogFormat.RESOURCE_LOG_LINES;
        };
    }
}
