package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.TriageRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Evidence from exported files, read up front so that a bad file is reported as bad input (naming the file)
 * rather than becoming a gap in a report: the CLI's {@code --logs}, {@code --health}, {@code --metrics} and
 * {@code --changes}.
 */
public final class ExportedEvidence {

    private ExportedEvidence() {
    }

    /**
     * Streams every file's Connections rows through one aggregator for the request's windows. What a file itself
     * says is incomplete (a Log Analytics response carrying a PartialError next to its rows) becomes a gap.
     */
    public static Fetched<ConnectionEvidence> connections(TriageRequest request, List<Path> files)
            throws BadInputException {
        ConnectionAggregator aggregator = new ConnectionAggregator(request);
        List<Gap> gaps = new ArrayList<>();
        for (Path file : files) {
            ReadStats stats = ConnectionLogReader.read(file, aggregator);
            for (String warning : stats.warnings()) {
                gaps.add(new Gap(Gap.CONNECTION_LOGS, file.getFileName() + ": " + warning));
            }
        }
        return new Fetched<>(aggregator.finish(), gaps);
    }

    public static HubHealthEvidence health(List<Path> files) throws BadInputException {
        return HealthReader.read(files);
    }

    public static DeviceCountEvidence deviceCount(Path file) throws BadInputException {
        return MetricsReader.read(file);
    }

    /** The hub's changes around the request's window from Activity Log / Resource Graph exports. */
    public static Fetched<ChangeEvidence> changes(TriageRequest request, List<Path> files) throws BadInputException {
        return ChangeReader.read(files, request);
    }
}
