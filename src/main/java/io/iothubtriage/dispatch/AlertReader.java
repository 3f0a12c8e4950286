package io.iothubtriage.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.TriageRequest;

/**
 * Reads a common-alert-schema payload, already parsed as JSON, into the request to triage (hub, windows, alert
 * identity), validating it. The alerts endpoint and the worker use the same reader, once per hop.
 */
@FunctionalInterface
public interface AlertReader {
    TriageRequest read(JsonNode payload) throws BadInputException;
}
