package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;

/** Where the connected-devices metric comes from: an exported metrics response, or the Metrics REST API. */
public interface DeviceCountSource extends EvidenceSource<DeviceCountEvidence> {
    @Override
    Fetched<DeviceCountEvidence> fetch(TriageRequest request) throws EvidenceException;
}
