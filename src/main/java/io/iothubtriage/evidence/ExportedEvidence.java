package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.TriageRequest;

import java.nio.file.Path;
import java.util.List;

/**
 * Evidence from exported files, read up front so that a bad file is reported as bad input (naming the file)
 * rather than becoming a gap in a report: the CLI's {@code --logs}, {@code --health} and {@code --metrics}.
 */
public final class ExportedEvidence {

    private ExportedEvidence() {
    }

    /** Streams every file's Connections rows through one aggregator for the request's windows. */
    public static ConnectionEvidence connections(TriageRequest request, List<Path> files) throws BadInputException {
        ConnectionAggregator aggregator = new ConnectionAggregator(request);
        for (Path file : files) {
            ConnectionLogReader.read(file, aggregator);
        }
        return aggregator.finish();
    }

    public static HubHealthEvidence health(List<Path> files) throws BadInputException {
        return HealthReader.read(files);
    }

    public static DeviceCountEvidence deviceCount(Path file) throws BadInputException {
        return MetricsReader.read(file);
    }
}
