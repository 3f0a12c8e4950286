package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.TriageRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evidence from exported files, read up front so that a bad file is reported as bad input (naming the file)
 * rather than becoming a gap in a report: the CLI's {@code --logs}, {@code --health}, {@code --metrics} and
 * {@code --changes}.
 */
public final class ExportedEvidence {

    private ExportedEvidence() {
    }

    /**
     * Streams every file's rows through one {@link RowIntake} (this hub's rows, each once) into one aggregator for
     * the request's windows. What a file itself says is incomplete (a Log Analytics response carrying a PartialError
     * next to its rows) becomes a gap; so do rows that cannot be read, and an export that does not cover the window
     * (see {@link Coverage}).
     *
     * @throws BadInputException naming the file, when it holds no data row at all, or not one of its rows can be
     *                           read
     */
    public static Fetched<ConnectionEvidence> connections(TriageRequest request, List<Path> files)
            throws BadInputException {
        ConnectionAggregator aggregator = new ConnectionAggregator(request);
        RowIntake intake = new RowIntake(HubMatcher.of(request.hub()), request.window(), aggregator);
        List<Gap> gaps = new ArrayList<>();
        for (Path file : files) {
            ReadStats stats = ConnectionLogReader.read(file, intake);
            if (stats.rows() == 0) {
                throw new BadInputException(InputFiles.where(file), noRows(stats.format()));
            }
            if (stats.rows() > 0 && stats.unreadable() == stats.rows()) {
                throw new BadInputException(InputFiles.where(file), "none of its " + stats.rows()
                        + " rows can be read (" + Coverage.reasons(intake.inputs()) + "): not connection logs"
                        + " that can be attributed to devices");
            }
            for (String warning : stats.warnings()) {
                gaps.add(new Gap(Gap.CONNECTION_LOGS, file.getFileName() + ": " + warning));
            }
        }
        Inputs inputs = intake.inputs();
        ConnectionEvidence evidence = aggregator.finish().withInputs(inputs);
        gaps.addAll(Coverage.gaps(request, inputs, evidence));
        return new Fetched<>(evidence, gaps);
    }

    /**
     * Why a file without a single data row is refused. Such a file cannot show that the window was asked about (a
     * query that was never run, an export cut before its first row): calling it "no Connections logs" would blame the
     * hub's diagnostic setting for what is the file's. A file whose rows are all other hubs' or other categories' is
     * not this case: those rows show what the workspace holds.
     */
    static String noRows(LogFormat format) {
        return switch (format) {
            case PORTAL_CSV -> "has a header but no rows: an export of no rows cannot show the window";
            case CLI_JSON_ARRAY -> "is an empty array: it holds no rows, so it cannot show the window";
            case LOG_ANALYTICS_RESPONSE -> "is a Log Analytics response whose tables hold no rows: it cannot show"
                    + " the window";
            case RESOURCE_LOG_RECORDS -> "holds no records: it cannot show the window";
            case RESOURCE_LOG_LINES -> "holds no rows: it cannot show the window";
        };
    }

    public static HubHealthEvidence health(List<Path> files) throws BadInputException {
        return HealthReader.read(files);
    }

    public static DeviceCountEvidence deviceCount(Path file) throws BadInputException {
        return MetricsReader.read(file);
    }

    /**
     * Resource Health files for this hub and this time: a file about another resource is bad input; statuses that
     * do not overlap the analysis window are a gap (and are not used: a status of another time says nothing about
     * the hub "now"). Empty, with the gap, when nothing usable is left.
     *
     * @throws BadInputException naming the file and both resource ids
     */
    public static Checked<HubHealthEvidence> health(TriageRequest request, List<Path> files) throws BadInputException {
        return HealthForWindow.check(HealthReader.read(files, HubMatcher.of(request.hub())), request.window());
    }

    /**
     * A metrics file for this hub and this time: another resource's metrics are bad input; a series without a point
     * in the analysis window is a gap, and is not used.
     *
     * @throws BadInputException naming the file and both resource ids
     */
    public static Checked<DeviceCountEvidence> deviceCount(TriageRequest request, Path file) throws BadInputException {
        DeviceCountEvidence m = MetricsReader.read(file, HubMatcher.of(request.hub()));
        Optional<String> outside = TimeCoverage.metricsOutside(m, request.window());
        return outside.isEmpty() ? new Checked<>(Optional.of(m), List.of())
                : new Checked<>(Optional.empty(), List.of(Gap.ofAnotherTime(Gap.METRICS, outside.get())));
    }

    /** Evidence read from files and checked against the request: the usable part, and gaps for the rest. */
    public record Checked<T>(Optional<T> value, List<Gap> gaps) {
        public Checked {
            value = value == null ? Optional.empty() : value;
            gaps = List.copyOf(gaps);
        }

        /** The gaps in one sentence, for a source that has nothing usable. */
        public String reason() {
            return gaps.stream().map(Gap::reason).reduce((a, b) -> a + "; " + b).orElse("not usable");
        }

        /**
         * The failure of a source that has nothing usable: {@link #reason()}, of the gaps' kind when they all share
         * one (so "of another time" survives being thrown), else of none.
         */
        public EvidenceException failure() {
            Gap.Kind kind = gaps.stream().map(Gap::kind).distinct().count() == 1 ? gaps.get(0).kind() : Gap.Kind.OTHER;
            return EvidenceException.of(kind, reason());
        }
    }

    /** The hub's changes around the request's window from Activity Log / Resource Graph exports. */
    public static Fetched<ChangeEvidence> changes(TriageRequest request, List<Path> files) throws BadInputException {
        return ChangeReader.read(files, request);
    }
}
