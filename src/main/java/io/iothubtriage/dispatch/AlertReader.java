package io.iothubtriage.dispatch;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.TriageRequest;

/**
 * Reads a common-alert-schema payload into the request to triage (hub, windows, alert identity), validating it.
 * The alerts endpoint and the worker use the same reader, so the worker re-validates every queued message.
 */
@FunctionalInterface
public interface AlertReader {
    TriageRequest read(String json) throws BadInputException;
}
