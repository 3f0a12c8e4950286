package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.evidence.ConnectionLogReader.Threads;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import io.iothubtriage.testing.SyntheticRows;
import io.iothubtriage.testing.SyntheticRows.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Big files are parsed on a second thread ({@link RowPipeline}): the rows, their order, the counts and every fault
 * (message, and the rows delivered before it) must be exactly those of a read on one thread.
 */
class ConnectionLogPipelineTest {

    private static final String READER_THREAD = "iothub-triage log reader";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Format.class)
    void twoThreadsReadExactlyWhatOneThreadReads(Format format) throws Exception {
        // 2,345 rows: nine full batches and a partial one; Routes rows mixed in, multi-line cells where possible
        Spec spec = SyntheticRows.Spec.of(2_345).devices(300).newestFirst(true);
        Options options = Options.realistic().multilineCells(format != Format.RESOURCE_LOG_RECORDS
                && format != Format.RESOURCE_LOG_LINES);
        Path file = dir.resolve("export");
        ExportWriter.Written written = ExportWriter.write(file, format, SyntheticRows.rows(spec), options);

        Outcome one = read(file, Threads.ONE);
        Outcome two = read(file, Threads.TWO);

        List<ConnectionLogRow> expected = new ArrayList<>();
        SyntheticRows.rows(spec).forEach(expected::add);
        assertThat(one.rows).containsExactlyElementsOf(expected);
        assertThat(two.rows).containsExactlyElementsOf(expected);
        assertThat(two.stats).isEqualTo(one.stats);
        assertThat(two.stats.skippedOtherCategories()).isEqualTo(written.otherCategoryRows()).isPositive();
        assertThat(two.threads).containsExactly(Thread.currentThread().getName()); // the sink runs on the caller
    }

    @Test
    void aFileOfAMegabyteOrMoreIsParsedOnASecondThread() throws Exception {
        Path small = dir.resolve("small.json");
        ExportWriter.write(small, Format.CLI_JSON_ARRAY, SyntheticRows.rows(Spec.of(200)), Options.realistic());
        Path big = dir.resolve("big.json");
        ExportWriter.write(big, Format.CLI_JSON_ARRAY, SyntheticRows.rows(Spec.of(2_000)), Options.realistic());
        assertThat(Files.size(small)).isLessThan(ConnectionLogReader.PIPELINE_MIN_BYTES);
        assertThat(Files.size(big)).isGreaterThanOrEqualTo(ConnectionLogReader.PIPELINE_MIN_BYTES);

        assertThat(readerThreadSeenDuring(small)).isFalse();
        assertThat(readerThreadSeenDuring(big)).isEqualTo(Runtime.getRuntime().availableProcessors() > 1);
        assertThat(readerThreadAlive()).isFalse();
    }

    @Test
    void aFaultOfTheParserComesAfterTheRowsBeforeIt() throws Exception {
        Path full = dir.resolve("full.json");
        ExportWriter.write(full, Format.LOG_ANALYTICS_RESPONSE, SyntheticRows.rows(Spec.of(3_000)), Options.realistic());
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.json");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));

        Outcome one = read(cut, Threads.ONE);
        Outcome two = read(cut, Threads.TWO);

        assertThat(one.fault).contains("truncated JSON: the file ends inside /tables/0/rows/");
        assertThat(two.fault).isEqualTo(one.fault);
        assertThat(two.rows).hasSize(one.rows.size()).hasSizeGreaterThan(1_000);
        assertThat(two.rows).isEqualTo(one.rows);
        assertThat(readerThreadAlive()).isFalse();
    }

    @Test
    void aRaggedCsvRowFailsTheSameWay() throws Exception {
        Path file = dir.resolve("export.csv");
        ExportWriter.write(file, Format.PORTAL_CSV, SyntheticRows.rows(Spec.of(2_000)), Options.plain());
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(1_500, "2026-11-26T10:00:00Z,Connections");
        Files.write(file, lines, StandardCharsets.UTF_8);

        Outcome one = read(file, Threads.ONE);
        Outcome two = read(file, Threads.TWO);

        assertThat(one.fault).contains("row 1500 (line 1501): 2 cell(s) where the header has 7");
        assertThat(two.fault).isEqualTo(one.fault);
        assertThat(two.rows).hasSize(1_499).isEqualTo(one.rows);
    }

    @Test
    void aFaultOfTheAssemblerStopsTheParser() throws Exception {
        Path file = dir.resolve("export.csv");
        ExportWriter.write(file, Format.PORTAL_CSV, SyntheticRows.rows(Spec.of(3_000)), Options.plain());
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        String row = lines.get(700);
        lines.set(700, "yesterday" + row.substring(row.indexOf(',')));
        Files.write(file, lines, StandardCharsets.UTF_8);

        Outcome one = read(file, Threads.ONE);
        Outcome two = read(file, Threads.TWO);

        assertThat(one.fault).contains("row 700 (line 701): TimeGenerated [UTC] 'yesterday' is not a timestamp");
        assertThat(two.fault).isEqualTo(one.fault);
        assertThat(two.rows).hasSize(699).isEqualTo(one.rows);
        assertThat(readerThreadAlive()).isFalse();
    }

    @Test
    void anExceptionOfTheSinkReachesTheCallerAndStopsTheParser() throws Exception {
        Path file = dir.resolve("export.json");
        ExportWriter.write(file, Format.CLI_JSON_ARRAY, SyntheticRows.rows(Spec.of(5_000)), Options.realistic());
        IllegalStateException boom = new IllegalStateException("sink is full");
        int[] seen = {0};

        assertThatThrownBy(() -> ConnectionLogReader.read(file, r -> {
            if (++seen[0] == 1_000) {
                throw boom;
            }
        }, Threads.TWO)).isSameAs(boom);
        assertThat(seen[0]).isEqualTo(1_000);
        assertThat(readerThreadAlive()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void usualValuesAreTheConstantsTheAggregatorComparesWith(Format format) throws Exception {
        Path file = dir.resolve("export");
        ExportWriter.write(file, format, SyntheticRows.rows(Spec.of(500)), Options.realistic());
        for (Threads threads : Threads.values()) {
            List<ConnectionLogRow> rows = read(file, threads).rows;
            assertThat(rows).hasSize(500);
            for (ConnectionLogRow r : rows) {
                // the same objects, not equal copies: equalsIgnoreCase then succeeds on its first check
                assertThat(r.operationName()).isIn(ConnectionLogRow.CONNECT, ConnectionLogRow.DISCONNECT);
                assertThat(r.operationName() == ConnectionLogRow.CONNECT
                        || r.operationName() == ConnectionLogRow.DISCONNECT).isTrue();
                assertThat(r.level() == "Error" || r.level() == "Information").isTrue();
            }
            assertThat(rows).anyMatch(ConnectionLogRow::isSuccessfulConnect).anyMatch(ConnectionLogRow::isError);
        }
    }

    private static Outcome read(Path file, Threads threads) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        Set<String> sinkThreads = new HashSet<>();
        try {
            ReadStats stats = ConnectionLogReader.read(file, r -> {
                rows.add(r);
                sinkThreads.add(Thread.currentThread().getName());
            }, threads);
            return new Outcome(rows, stats, null, sinkThreads);
        } catch (BadInputException e) {
            return new Outcome(rows, null, e.getMessage(), sinkThreads);
        }
    }

    private static boolean readerThreadSeenDuring(Path file) throws BadInputException {
        boolean[] seen = {false};
        ConnectionLogReader.read(file, r -> seen[0] |= readerThreadAlive());
        return seen[0];
    }

    /** Whether a reader thread is running (tests in this JVM run one at a time). */
    private static boolean readerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(READER_THREAD) && t.isAlive());
    }

    private record Outcome(List<ConnectionLogRow> rows, ReadStats stats, String fault, Set<String> threads) {
    }
}
