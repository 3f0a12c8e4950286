package io.iothubtriage.evidence;

import java.time.Instant;

/**
 * Takes one Connections row as its fields, in the order of {@link ConnectionLogRow}'s components, with the same rules
 * (absent text fields are the empty string, never null). For a source that has the fields at hand and would
 * otherwise make a row object per row only for the aggregator to copy its fields out again: the simulation feeds
 * its {@link ConnectionAggregator} this way, as the readers' {@link RowAssembler} hands over the fields it parses.
 */
public interface RowFieldsConsumer {
    void accept(Instant time, String operationName, String level, String resultType, String resultDescription,
                String deviceId, String protocol, String authType, String maskedIpAddress, String sdkVersion,
                String statusCode, String errorMessage);
}
